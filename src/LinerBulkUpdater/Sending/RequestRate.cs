using System.Threading.RateLimiting;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// The limiter behind <c>--rps</c>: at most N requests start in any 1 s window, evenly spaced rather
/// than in bursts — a token bucket holding a single token refilled every 1/N s. Above 100/s that
/// period drops under a timer's useful resolution, so the bucket refills every 10 ms with a matching
/// handful of tokens instead.
/// </summary>
internal static class RequestRate
{
    private static readonly TimeSpan MinPeriod = TimeSpan.FromMilliseconds(10);

    /// <returns>null for <c>--rps 0</c>: no limit.</returns>
    public static RateLimiter? CreateLimiter(int rps, int maxWaiting)
    {
        if (rps <= 0)
        {
            return null;
        }

        var period = TimeSpan.FromSeconds(1.0 / rps);
        var tokens = 1;
        if (period < MinPeriod)
        {
            tokens = (int)Math.Round(rps * MinPeriod.TotalSeconds);
            period = TimeSpan.FromSeconds((double)tokens / rps);
        }

        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = Math.Max(1, maxWaiting),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
