using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// The embedded Liner stand-in: a Kestrel host on 127.0.0.1 that answers like the Liner API
/// (see <see cref="LinerApi"/>), keeps what it was sent, and records every request.
/// Used by <c>run --sandbox</c>, by <c>liner-bulk sandbox</c>, and by integration tests.
/// </summary>
internal sealed class SandboxServer : IAsyncDisposable
{
    // In-flight requests get this long to finish on stop; then their connections are cut.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    private readonly WebApplication _app;
    private readonly RequestRecorder _recorder;
    private readonly LeadStore _leads;
    private readonly Lazy<Task> _stopped;
    private int _disposed;

    private SandboxServer(WebApplication app, RequestRecorder recorder, LeadStore leads, Uri baseUrl)
    {
        _app = app;
        _recorder = recorder;
        _leads = leads;
        BaseUrl = baseUrl;
        _stopped = new Lazy<Task>(StopCoreAsync);
    }

    /// <summary>
    /// e.g. <c>http://127.0.0.1:54321</c>. Built without a trailing slash, but note that
    /// <see cref="Uri.ToString"/> of a root URL always shows one; <see cref="Uri.OriginalString"/> does not.
    /// </summary>
    public Uri BaseUrl { get; }

    /// <summary>A snapshot of every answered request (health checks and 404s included), in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Received => _recorder.Snapshot(updatesOnly: false);

    /// <summary>A snapshot of the POSTs to the update route, refused ones included, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Updates => _recorder.Snapshot(updatesOnly: true);

    /// <summary>
    /// How many requests <see cref="Updates"/> holds, without copying them: cheap enough to poll while
    /// waiting for a request (a stalled one, say) to be recorded.
    /// </summary>
    public int UpdateCount => _recorder.UpdateCount;

    /// <summary>
    /// Starts listening on 127.0.0.1 only; <paramref name="port"/> 0 picks a free port.
    /// A port already in use throws <see cref="IOException"/>; options out of range, or a script
    /// entry that is not one, throw <see cref="ArgumentException"/> naming the setting.
    /// </summary>
    public static Task<SandboxServer> StartAsync(SandboxOptions options, int port = 0, CancellationToken cancellationToken = default) =>
        StartAsync(options, TimeProvider.System, port, cancellationToken);

    /// <summary>
    /// <see cref="StartAsync(SandboxOptions, int, CancellationToken)"/> on a clock of the caller's: it
    /// drives the rate limit, latency, stalls and arrival times, so a test can step it.
    /// </summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions options, TimeProvider time, int port = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(options.LatencyMs);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        // Tests build options directly, so the server checks them too: a bad value must fail the start, not act strangely later.
        if (OptionRules.Problems(options, SandboxOptions.SectionName) is { } problems)
        {
            throw new ArgumentException(problems, nameof(options));
        }

        var faults = new FaultPlan(options, time);

        var recorder = new RequestRecorder();
        var leads = new LeadStore();
        var app = BuildHost(port);
        new SandboxEndpoints(options, new LinerApi(options, leads), faults, recorder, time, app.Lifetime.ApplicationStopping)
            .MapTo(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        // With port 0 only the server knows which port it got.
        var address = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var baseUrl = new Uri($"http://{IPAddress.Loopback}:{new Uri(address).Port}");
        return new SandboxServer(app, recorder, leads, baseUrl);
    }

    /// <summary>The lead's current fields (string, long or null; null = cleared), or null if it was never updated.</summary>
    public IReadOnlyDictionary<string, object?>? Lead(long leadId) => _leads.Find(leadId);

    /// <summary>
    /// For <c>liner-bulk sandbox</c>: runs until <paramref name="cancellationToken"/> is cancelled
    /// (the CLI's Ctrl+C), then stops the server. Returns normally rather than throwing.
    /// </summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _app.Lifetime.ApplicationStopping);
        await Task.Delay(Timeout.InfiniteTimeSpan, either.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stopped.Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await _stopped.Value;
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private async Task StopCoreAsync()
    {
        using var grace = new CancellationTokenSource(StopGrace);
        await _app.StopAsync(grace.Token);
    }

    private static WebApplication BuildHost(int port)
    {
        // The empty builder reads no configuration, environment (ASPNETCORE_URLS) or appsettings,
        // and registers no logging providers: the sandbox must not print into the CLI's output.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, QuietHostLifetime>());
        return builder.Build();
    }
}
