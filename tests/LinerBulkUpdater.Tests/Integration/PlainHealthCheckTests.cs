using System.Net;
using LinerBulkUpdater.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>A health check answered by something in front of Liner with a plain 200, not an envelope.</summary>
public sealed class PlainHealthCheckTests
{
    [Fact]
    public async Task A_plain_200_health_check_is_healthy_enough()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapGet("/v1/health/check/", () => Results.Text("OK"));
        app.MapPost("/v1/lead/update/{id}/", () => Results.Json(new { success = true, message = "", data = (object?)null }));
        await app.StartAsync();
        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var folder = new TempFolder();

        var result = await CliRun.RunAsync(folder, CliRun.Against(url), "run", folder.WriteLeads(3), "--rps", "0");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        await app.StopAsync();
    }
}
