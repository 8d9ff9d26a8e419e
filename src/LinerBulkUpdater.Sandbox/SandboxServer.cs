using System.Collections.Frozen;
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
/// (see <see cref="LinerApi"/>): every lead id exists with seeded values (<see cref="LeadSeed"/>),
/// updates change them, reads show them; it records every request, and with
/// <see cref="SandboxOptions.StateFile"/> keeps the changes from one run to the next.
/// Used by <c>run --sandbox</c>, by <c>liner-bulk sandbox</c>, and by integration tests.
/// The front door: the tool starts it, reads <see cref="BaseUrl"/>, waits and stops it; what it
/// recorded and holds is internal, for the tests.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    // In-flight requests get this long to finish on stop; then their connections are cut.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    private readonly WebApplication _app;
    private readonly RequestRecorder _recorder;
    private readonly LeadStore _leads;
    private readonly FrozenSet<long> _missingLeads;
    private readonly string? _stateFile;
    private readonly string? _requestLog;
    private readonly Lazy<Task> _stopped;
    private int _disposed;

    private SandboxServer(WebApplication app, RequestRecorder recorder, LeadStore leads, SandboxOptions options, Uri baseUrl)
    {
        _app = app;
        _recorder = recorder;
        _leads = leads;
        _missingLeads = options.MissingLeads.ToFrozenSet();
        // Resolved once, so the save lands where the load looked even if the working folder changes meanwhile.
        _stateFile = string.IsNullOrWhiteSpace(options.StateFile) ? null : Path.GetFullPath(options.StateFile);
        _requestLog = string.IsNullOrWhiteSpace(options.RequestLog) ? null : Path.GetFullPath(options.RequestLog);
        BaseUrl = baseUrl;
        _stopped = new Lazy<Task>(StopCoreAsync);
    }

    /// <summary>
    /// e.g. <c>http://127.0.0.1:54321</c>. Built without a trailing slash, but note that
    /// <see cref="Uri.ToString"/> of a root URL always shows one; <see cref="Uri.OriginalString"/> does not.
    /// </summary>
    public Uri BaseUrl { get; }

    /// <summary>A snapshot of every answered request (health checks and 404s included), in arrival order.</summary>
    internal IReadOnlyList<ReceivedRequest> Received => _recorder.Snapshot();

    /// <summary>A snapshot of the POSTs to the update route, refused ones included, in arrival order.</summary>
    internal IReadOnlyList<ReceivedRequest> Updates => _recorder.Snapshot(static request => request.IsUpdate);

    /// <summary>
    /// A snapshot of the GETs of lead details (v1 and v2) and of the status list, refused and faulted
    /// ones included, in arrival order; <see cref="ReceivedRequest.Route"/> says which.
    /// </summary>
    internal IReadOnlyList<ReceivedRequest> Reads => _recorder.Snapshot(static request => request.IsRead);

    /// <summary>
    /// The GETs of the status list, on either path, a 404 of a path turned off by
    /// <see cref="SandboxOptions.StatusListPaths"/> included: "read once" with a fallback is two of these.
    /// </summary>
    internal IReadOnlyList<ReceivedRequest> StatusListReads =>
        _recorder.Snapshot(static request => request.IsRead && request.Route == SandboxRoute.StatusList);

    /// <summary>How many requests <see cref="Reads"/> holds, without copying them.</summary>
    internal int ReadCount => _recorder.ReadCount;

    /// <summary>
    /// How many requests <see cref="Updates"/> holds, without copying them: cheap enough to poll while
    /// waiting for a request (a stalled one, say) to be recorded.
    /// </summary>
    internal int UpdateCount => _recorder.UpdateCount;

    /// <summary>
    /// Starts listening on 127.0.0.1 only; <paramref name="port"/> 0 picks a free port.
    /// A port already in use throws <see cref="IOException"/>; options out of range, a script entry or
    /// an ignored field that is not one, or a state file that cannot be read, throw
    /// <see cref="ArgumentException"/> naming the setting (so the CLI answers exit 2, before any run).
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
        if (SandboxOptionRules.Problems(options, SandboxOptions.SectionName) is { } problems)
        {
            throw new ArgumentException(problems, nameof(options));
        }

        var faults = new FaultPlan(options, time);
        var leads = new LeadStore(time, IgnoredFields.Read(options), new LeadCalendar(options.LeadCount));
        if (!string.IsNullOrWhiteSpace(options.StateFile))
        {
            foreach (var changes in SandboxStateFile.Load(options.StateFile))
            {
                leads.Restore(changes);
            }
        }

        var recorder = new RequestRecorder();
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
        return new SandboxServer(app, recorder, leads, options, baseUrl);
    }

    /// <summary>
    /// The fields this sandbox was sent for the lead in accepted updates (string, long or null; null =
    /// cleared), fields Liner ignored (<see cref="SandboxOptions.Ignores"/>) included; null if this
    /// sandbox never updated it. What Liner holds is <see cref="CurrentLead"/>.
    /// </summary>
    internal IReadOnlyDictionary<string, object?>? Lead(long leadId) => _leads.Find(leadId);

    /// <summary>
    /// Every v1 field of the lead as Liner holds it now, what the detail reads show: its seed, with the
    /// kept changes of this run and of the state file over it (string, long or null; null = empty or
    /// cleared). Null for a lead of <see cref="SandboxOptions.MissingLeads"/>.
    /// </summary>
    internal IReadOnlyDictionary<string, object?>? CurrentLead(long leadId) =>
        _missingLeads.Contains(leadId) ? null : _leads.Current(leadId).Values;

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

    /// <summary>
    /// Stops the host, then saves the state file: after the stop, so no update can land between the
    /// snapshot and the end. A save that fails throws (the file keeps its previous content).
    /// </summary>
    private async Task StopCoreAsync()
    {
        using (var grace = new CancellationTokenSource(StopGrace))
        {
            await _app.StopAsync(grace.Token);
        }

        if (_stateFile is not null)
        {
            SandboxStateFile.Save(_stateFile, _leads.Changes());
        }

        if (_requestLog is not null)
        {
            SaveRequestLog(_requestLog, _recorder.Snapshot());
        }
    }

    private static void SaveRequestLog(string path, IReadOnlyList<ReceivedRequest> requests)
    {
        using var log = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        log.WriteLine("seconds,method,lead_id,status");
        foreach (var request in requests)
        {
            log.WriteLine(FormattableString.Invariant($"{(request.At - requests[0].At).TotalSeconds:0.000},{request.Method},{request.LeadId},{request.Status}"));
        }
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
