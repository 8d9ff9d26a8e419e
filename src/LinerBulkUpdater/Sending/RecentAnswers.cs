namespace LinerBulkUpdater.Sending;

/// <summary>
/// When the requests of the last two seconds started that Liner accepted, and that it answered 429: what
/// <see cref="CeilingRateController"/> measures Liner by. Exact times, not buckets: one request more or less in a
/// second is 10 % of a 10/s limit. Not thread-safe: the limiter calls under its lock.
/// </summary>
internal sealed class RecentAnswers(long ticksPerSecond)
{
    private readonly Queue<long> _accepted = new();
    private readonly Queue<long> _throttled = new();

    public void Accept(long startedAt) => Keep(_accepted, startedAt);

    public void Throttle(long startedAt) => Keep(_throttled, startedAt);

    /// <summary>Requests accepted of those that started in the second before <paramref name="until"/>.</summary>
    public int AcceptedInSecondBefore(long until) => Count(_accepted, until);

    /// <summary>The share of 429s among the answers to the last second's requests (0 with none).</summary>
    public double ThrottledShare(long now)
    {
        var throttled = Count(_throttled, now);
        var answered = throttled + Count(_accepted, now);
        return answered == 0 ? 0 : (double)throttled / answered;
    }

    /// <summary>When the earliest request accepted in the last second started, or null with none.</summary>
    public long? OldestAccepted(long now)
    {
        long? oldest = null;
        foreach (var at in _accepted)
        {
            if (at > now - ticksPerSecond && at <= now && (oldest is null || at < oldest))
            {
                oldest = at;
            }
        }

        return oldest;
    }

    private void Keep(Queue<long> times, long startedAt)
    {
        times.Enqueue(startedAt);

        // Answers come back out of order, so a few stale times may stay a little longer: counting looks at each one's time.
        while (times.Count > 0 && times.Peek() <= startedAt - (2 * ticksPerSecond))
        {
            times.Dequeue();
        }
    }

    private int Count(Queue<long> times, long until)
    {
        var count = 0;
        foreach (var at in times)
        {
            if (at > until - ticksPerSecond && at <= until)
            {
                count++;
            }
        }

        return count;
    }
}
