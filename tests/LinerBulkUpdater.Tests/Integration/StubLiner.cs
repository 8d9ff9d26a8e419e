using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>One answer of <see cref="StubLiner"/>: a status, an optional Retry-After exactly as written, and the body's bytes.</summary>
internal sealed record StubAnswer(int Status, byte[] Body, string? RetryAfter = null)
{
    /// <summary>More headers to answer with, e.g. <c>RateLimit-Remaining</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static readonly StubAnswer Updated = Json(200, """{"success":true,"message":"","data":null}""");

    public static StubAnswer Json(int status, string json, string? retryAfter = null) => new(status, System.Text.Encoding.UTF8.GetBytes(json), retryAfter);
}

/// <summary>
/// A few lines of Kestrel that answer updates however a test says, for answers the sandbox has no
/// reason to give (a Retry-After no sane server sends, a body with a byte order mark). The health
/// check always answers a plain successful envelope.
/// </summary>
internal sealed class StubLiner : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(long Lead, DateTimeOffset At)> _updates = new();
    private readonly ConcurrentQueue<string> _bodies = new();

    private StubLiner(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every update received, in arrival order.</summary>
    public IReadOnlyList<(long Lead, DateTimeOffset At)> Updates => [.. _updates];

    /// <summary>The body of every update received, as UTF-8 text, in arrival order.</summary>
    public IReadOnlyList<string> UpdateBodies => [.. _bodies];

    /// <param name="answer">The answer to the <c>n</c>th update (from 1) of a lead.</param>
    /// <param name="detail">The answer to a lead's detail read, given its version (<c>v1</c> or <c>v2</c>) and id.</param>
    /// <param name="customFields">The <c>data</c> of <c>GET /v2/custom-field/</c>, as JSON; null: that path is 404.</param>
    /// <param name="time">The clock <see cref="Updates"/> are timed by, e.g. <see cref="SteppedClock.Sandbox"/>; null for the system's.</param>
    public static async Task<StubLiner> StartAsync(Func<long, int, StubAnswer> answer, Func<string, long, StubAnswer>? detail = null, string? customFields = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var stub = new StubLiner(builder.Build());
        var counts = new ConcurrentDictionary<long, int>();
        stub._app.MapGet("/v1/health/check/", () => Results.Json(new { success = true, message = "", data = (object?)null }));
        stub._app.MapPost("/v1/lead/update/{id}/", async (long id, HttpRequest request, HttpResponse response) =>
        {
            stub._updates.Enqueue((id, time.GetUtcNow()));
            using (var body = new StreamReader(request.Body, System.Text.Encoding.UTF8))
            {
                stub._bodies.Enqueue(await body.ReadToEndAsync());
            }

            var reply = answer(id, counts.AddOrUpdate(id, 1, (_, n) => n + 1));
            response.StatusCode = reply.Status;
            response.ContentType = "application/json";
            if (reply.RetryAfter is not null)
            {
                response.Headers["Retry-After"] = reply.RetryAfter;
            }

            foreach (var (name, value) in reply.Headers)
            {
                response.Headers[name] = value;
            }

            await response.Body.WriteAsync(reply.Body);
        });
        if (customFields is not null)
        {
            stub._app.MapGet("/v2/custom-field/", () => Results.Text($$"""{"success":true,"message":"","data":{{customFields}}}""", "application/json"));
        }

        if (detail is not null)
        {
            stub._app.MapGet("/{version}/lead/detail/{id}/", async (string version, long id, HttpResponse response) =>
            {
                var reply = detail(version, id);
                response.StatusCode = reply.Status;
                response.ContentType = "application/json";
                await response.Body.WriteAsync(reply.Body);
            });
        }

        await stub._app.StartAsync();
        var address = stub._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        stub.BaseUrl = new Uri($"http://{IPAddress.Loopback}:{new Uri(address).Port.ToString(CultureInfo.InvariantCulture)}");
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
