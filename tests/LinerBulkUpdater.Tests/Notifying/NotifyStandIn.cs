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

namespace LinerBulkUpdater.Tests.Notifying;

/// <summary>One request the stand-in received: its method, path, content type and body.</summary>
internal sealed record Received(string Method, string Path, string? ContentType, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A webhook receiver and a Telegram Bot API on one loopback Kestrel: <c>POST /hook/…</c> answers as <see cref="HookStatus"/>
/// says for the nth call; <c>/bot{token}/sendMessage</c> and <c>/bot{token}/getMe</c> answer like the Bot API, <c>ok</c> for
/// <see cref="BotToken"/> only.
/// </summary>
internal sealed class NotifyStandIn : IAsyncDisposable
{
    public const string BotToken = "123456:AAF-secret-bot-token_9z";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private int _hooks;

    private NotifyStandIn(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The status of the nth webhook call (from 1); 200 unless a test says otherwise.</summary>
    public Func<int, int> HookStatus { get; set; } = _ => 200;

    /// <summary>The status of every sendMessage; 200 unless a test says otherwise.</summary>
    public int TelegramStatus { get; set; } = 200;

    public IReadOnlyList<Received> Received => [.. _received];

    public IReadOnlyList<Received> Hooks => [.. _received.Where(each => each.Path.StartsWith("/hook", StringComparison.Ordinal))];

    public IReadOnlyList<Received> Messages => [.. _received.Where(each => each.Path.EndsWith("/sendMessage", StringComparison.Ordinal))];

    public static async Task<NotifyStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var stand = new NotifyStandIn(builder.Build());
        stand._app.Run(async context => await stand.AnswerAsync(context));
        await stand._app.StartAsync();
        var address = stand._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        stand.BaseUrl = new Uri($"http://{IPAddress.Loopback}:{new Uri(address).Port.ToString(CultureInfo.InvariantCulture)}");
        return stand;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var path = context.Request.Path.Value ?? "";
        _received.Enqueue(new Received(context.Request.Method, path, context.Request.ContentType, body.ToArray()));
        var response = context.Response;
        if (path.StartsWith("/hook", StringComparison.Ordinal))
        {
            response.StatusCode = HookStatus(Interlocked.Increment(ref _hooks));
            return;
        }

        response.ContentType = "application/json";
        if (path != $"/bot{BotToken}/sendMessage" && path != $"/bot{BotToken}/getMe")
        {
            response.StatusCode = 401;
            await response.WriteAsync("""{"ok":false,"error_code":401,"description":"Unauthorized"}""");
            return;
        }

        response.StatusCode = path.EndsWith("/getMe", StringComparison.Ordinal) ? 200 : TelegramStatus;
        await response.WriteAsync(response.StatusCode == 200
            ? """{"ok":true,"result":{"id":123456,"is_bot":true,"username":"liner_night_bot"}}"""
            : $$"""{"ok":false,"error_code":{{response.StatusCode}},"description":"Internal Server Error"}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
