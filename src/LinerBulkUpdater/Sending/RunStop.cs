namespace LinerBulkUpdater.Sending;

/// <summary>
/// Why and how hard a run is being stopped. <see cref="Sending"/> ends when no new attempt may start
/// (a refused key, an outage past its limit, the first Ctrl+C): rows not yet sent become not_sent,
/// requests in flight finish. <see cref="Abort"/> ends when requests in flight must be cut too (a
/// second Ctrl+C, the grace period over).
/// </summary>
internal sealed class RunStop : IDisposable
{
    private readonly CancellationTokenSource _sending = new();
    private readonly CancellationTokenSource _abort = new();
    private string? _reason;
    private ITimer? _grace;

    public CancellationToken Sending => _sending.Token;

    public CancellationToken Abort => _abort.Token;

    public bool IsStopped => _sending.IsCancellationRequested;

    /// <summary>The first reason given, e.g. "the API key was refused (HTTP 401)".</summary>
    public string Reason => _reason ?? "the run was stopped";

    /// <summary>Stops sending; the first caller's reason is the one reported.</summary>
    public void Stop(string reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, null);
        _sending.Cancel();
    }

    /// <summary>Stops sending and cuts the requests in flight.</summary>
    public void Cut(string reason)
    {
        Stop(reason);
        _abort.Cancel();
    }

    /// <summary>Cuts what is still in flight once <paramref name="grace"/> has passed after a stop.</summary>
    public void CutAfter(TimeSpan grace, TimeProvider time) =>
        _sending.Token.Register(() => _grace = time.CreateTimer(_ => CancelAbort(), null, grace, Timeout.InfiniteTimeSpan));

    public void Dispose()
    {
        _grace?.Dispose();
        _sending.Dispose();
        _abort.Dispose();
    }

    private void CancelAbort()
    {
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended before its grace period did.
        }
    }
}
