namespace LinerBulkUpdater.Sending;

/// <summary>
/// When the requests of the last two seconds started that Liner accepted, and that it answered 429: what
/// <see cref="CeilingRateController"/> measures Liner by. Exact times, not buckets: one request more or less in a
/// second is 10 % of a 10/s limit. Not thread-safe: the limiter calls under its lock.
/// </summary>
/// <remarks>
/// Each answer counts as many as the runs on this machine that shared the key when it came (see
/// <see cref="IRateController.ShareWith"/>): runs that split the pace evenly each see a share of Liner's window, and
/// what one of them counts, so weighted, is what the window held.
/// </remarks>
internal sealed class RecentAnswers(long ticksPerSecond)
{
    private readonly Queue<(long At, int Weight)> _accepted = new();
    private readonly Queue<(long At, int Weight)> _throttled = new();

    public void Accept(long startedAt, int weight = 1) => Keep(_accepted, startedAt, weight);

    public void Throttle(long startedAt, int weight = 1) => Keep(_throttled, startedAt, weight);

    /// <summary>Requests accepted of those that started in the second before <paramref name="until"/>.</summary>
    public int AcceptedInSecondBefore(long until) => Count(_accepted, until);

    /// <summary>
    /// What Liner's window held when it refused the request started at <paramref name="startedAt"/>: the most requests
    /// accepted of those started in any second ending up to 200 ms before it. Liner counts arrivals, the run counts
    /// starts, and the way between them varies: a single window can miss one of the ten, and a ceiling of 9 for 10 would
    /// cost a tenth of the run.
    /// </summary>
    public int HeldBefore(long startedAt)
    {
        var most = 0;
        for (var back = 0; back <= 4; back++)
        {
            most = Math.Max(most, AcceptedInSecondBefore(startedAt - 1 - (back * ticksPerSecond / 20)));
        }

        return most;
    }

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
        foreach (var (at, _) in _accepted)
        {
            if (at > now - ticksPerSecond && at <= now && (oldest is null || at < oldest))
            {
                oldest = at;
            }
        }

        return oldest;
    }

    private void Keep(Queue<(long At, int Weight)> times, long startedAt, int weight)
    {
        times.Enqueue((startedAt, weight));

        // Answers come back out of order, so a few stale times may stay a little longer: counting looks at each one's time.
        while (times.Count > 0 && times.Peek().At <= startedAt - (2 * ticksPerSecond))
        {
            times.Dequeue();
        }
    }

    private int Count(Queue<(long At, int Weight)> times, long until)
    {
        var count = 0;
        foreach (var (at, weight) in times)
        {
            if (at > until - ticksPerSecond && at <= until)
            {
                count += weight;
            }
        }

        return count;
    }
}
