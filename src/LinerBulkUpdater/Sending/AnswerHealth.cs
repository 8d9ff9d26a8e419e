namespace LinerBulkUpdater.Sending;

/// <summary>
/// How the last two seconds' answers went, for the back-off: a server that answers nearly everything is not overloaded,
/// and a row it failed now and then need not wait out 1 + 2 + 4 + 8 s before its last attempt. With 7 % of attempts
/// failing, one row in about 50,000 fails four times in a row; near the end of a run, the whole run waited for it, and
/// its throughput varied by a third from one run to the next. Counted in tenths of a second; thread-safe.
/// </summary>
internal sealed class AnswerHealth(TimeProvider time)
{
    /// <summary>The least answers in the window to call the server healthy: a handful says nothing.</summary>
    public const int FewestAnswers = 20;

    /// <summary>The share of the window's answers that must have succeeded.</summary>
    public const double HealthyShare = 0.8;

    private const int Buckets = 20;

    private readonly Lock _gate = new();
    private readonly long _tenth = Math.Max(1, time.TimestampFrequency / 10);
    private readonly (long Tenth, int Succeeded, int Failed)[] _window = new (long, int, int)[Buckets];

    /// <summary>An answer came: <paramref name="succeeded"/>, or a failure of any kind (429s included).</summary>
    public void Record(bool succeeded)
    {
        var tenth = time.GetTimestamp() / _tenth;
        lock (_gate)
        {
            ref var bucket = ref _window[tenth % Buckets];
            if (bucket.Tenth != tenth)
            {
                bucket = (tenth, 0, 0);
            }

            (bucket.Succeeded, bucket.Failed) = succeeded ? (bucket.Succeeded + 1, bucket.Failed) : (bucket.Succeeded, bucket.Failed + 1);
        }
    }

    /// <summary>Whether at least <see cref="FewestAnswers"/> answers came in the last two seconds and 80 % of them succeeded.</summary>
    public bool IsHealthy
    {
        get
        {
            var now = time.GetTimestamp() / _tenth;
            var (succeeded, failed) = (0, 0);
            lock (_gate)
            {
                foreach (var bucket in _window)
                {
                    if (bucket.Tenth > now - Buckets && bucket.Tenth <= now)
                    {
                        (succeeded, failed) = (succeeded + bucket.Succeeded, failed + bucket.Failed);
                    }
                }
            }

            return succeeded + failed >= FewestAnswers && succeeded >= HealthyShare * (succeeded + failed);
        }
    }
}
