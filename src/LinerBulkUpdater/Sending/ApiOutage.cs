namespace LinerBulkUpdater.Sending;

/// <summary>
/// How long the API has been down, as the circuit breaker sees it: from the first time the circuit
/// opened until it closes again (a failed probe in between does not restart the clock).
/// </summary>
internal sealed class ApiOutage(TimeSpan limit, TimeProvider time)
{
    private long _since = -1;

    public TimeSpan Limit => limit;

    public void Opened() => Interlocked.CompareExchange(ref _since, time.GetTimestamp(), -1);

    public void Closed() => Interlocked.Exchange(ref _since, -1);

    public bool IsPastLimit => Interlocked.Read(ref _since) is var since and >= 0 && time.GetElapsedTime(since) > limit;
}
