using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LinerBulkUpdater.Ui;

/// <summary>
/// The page of <c>liner-bulk ui</c>: Kestrel on 127.0.0.1 only, every request past <see cref="UiGate"/> first, then the
/// page itself (plain HTML, CSS and JS embedded in the program: nothing from the network) or <see cref="UiApi"/>.
/// </summary>
internal sealed class UiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly UiApi _api;

    private UiServer(WebApplication app, UiGate gate, UiWork work)
    {
        _app = app;
        Gate = gate;
        _api = new UiApi(work);
    }

    public UiGate Gate { get; }

    /// <summary>The address to open: it carries the token, which the page swaps for a cookie at once.</summary>
    public string Address => $"http://{Gate.Authority}/?token={Gate.Token}";

    /// <exception cref="UsageException">The port cannot be listened on.</exception>
    public static async Task<UiServer> StartAsync(UiWork work, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = work.Settings.Ui.MaxUploadBytes;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        UiServer? server = null;
        // The port (and so the gate) is known once Kestrel listens; nobody has the address before it is printed.
        app.Run(context => server!.AnswerAsync(context));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            await app.DisposeAsync();
            throw new UsageException($"cannot listen on 127.0.0.1:{port}: {exception.Message.ReplaceLineEndings(" ")}");
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server = new UiServer(app, new UiGate(UiGate.NewToken(), new Uri(address).Port), work);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var (request, response) = (context.Request, context.Response);
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";
        if (Gate.Refusal(request) is { } refusal)
        {
            response.StatusCode = refusal.Status;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync($"liner-bulk ui: {refusal.Why}\n");
            return;
        }

        var path = request.Path.Value ?? "/";
        if (HttpMethods.IsGet(request.Method) && path == "/" && Gate.CameWithToken(request))
        {
            // The token leaves the address bar (and the history) at once; the cookie carries it from now on.
            response.Cookies.Append(Gate.CookieName, Gate.Token, Gate.Cookie);
            response.Redirect("/");
            return;
        }

        switch (path)
        {
            case "/" when HttpMethods.IsGet(request.Method):
                await PageAsync(request, response);
                return;
            case "/app.js" or "/app.css" when HttpMethods.IsGet(request.Method):
                response.ContentType = path.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
                await response.Body.WriteAsync(Asset(path[1..]));
                return;
            default:
                await _api.AnswerAsync(context, path);
                return;
        }
    }

    /// <summary>The page, in the browser's language (Russian or English: the page can switch), holding the token for its own requests.</summary>
    private async Task PageAsync(HttpRequest request, HttpResponse response)
    {
        var language = request.Headers.AcceptLanguage.ToString().TrimStart().StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? "ru" : "en";
        var html = System.Text.Encoding.UTF8.GetString(Asset("index.html"))
            .Replace("{{lang}}", language, StringComparison.Ordinal)
            .Replace("{{token}}", Gate.Token, StringComparison.Ordinal);
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(html);
    }

    private static byte[] Asset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ui/" + name)
            ?? throw new InvalidOperationException($"the page's {name} is not in the program");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
