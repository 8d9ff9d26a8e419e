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
    private readonly Queue<(long At, int Weight, long AnsweredAt)> _accepted = new();
    private readonly Queue<(long At, int Weight, long AnsweredAt)> _throttled = new();

    /// <summary>Liner accepted the request started at <paramref name="startedAt"/>; its answer came at <paramref name="answeredAt"/>.</summary>
    public void Accept(long startedAt, long answeredAt, int weight = 1) => Keep(_accepted, startedAt, weight, answeredAt);

    public void Throttle(long startedAt, int weight = 1) => Keep(_throttled, startedAt, weight, startedAt);

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

    /// <summary>
    /// When Liner's full window has room again: a second after the earliest started of the last second's accepted
    /// requests was answered, for Liner counted it at the latest then. Not a second after it started: the first requests
    /// of a run wait for their connections, and one sent a second after such a start arrived 9 ms too soon. Now with none.
    /// </summary>
    public long RoomAt(long now)
    {
        var (oldest, answered) = (long.MaxValue, now - ticksPerSecond);
        foreach (var (at, _, answeredAt) in _accepted)
        {
            if (at > now - ticksPerSecond && at <= now && at < oldest)
            {
                (oldest, answered) = (at, answeredAt);
            }
        }

        return answered + ticksPerSecond;
    }

    private void Keep(Queue<(long At, int Weight, long AnsweredAt)> times, long startedAt, int weight, long answeredAt)
    {
        times.Enqueue((startedAt, weight, answeredAt));

        // Answers come back out of order, so a few stale times may stay a little longer: counting looks at each one's time.
        while (times.Count > 0 && times.Peek().At <= startedAt - (2 * ticksPerSecond))
        {
            times.Dequeue();
        }
    }

    private int Count(Queue<(long At, int Weight, long AnsweredAt)> times, long until)
    {
        var count = 0;
        foreach (var (at, weight, _) in times)
        {
            if (at > until - ticksPerSecond && at <= until)
            {
                count += weight;
            }
        }

        return count;
    }
}
