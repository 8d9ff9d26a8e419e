using System.Diagnostics.CodeAnalysis;
using System.Threading.RateLimiting;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// The limiter behind <c>--rps N</c>: request starts are spaced at least 1/N s apart, so no 1 s window
/// ever holds more than N of them and nothing comes in bursts. A token bucket of size 1 lets N + 1
/// through when one start is late and the next is on time; spacing each start from the one before
/// does not. Each caller reserves the next free slot, then waits for it.
/// </summary>
internal sealed class PacedRateLimiter(double requestsPerSecond, TimeProvider time) : RateLimiter
{
    private readonly Lock _gate = new();
    private readonly long _interval = (long)Math.Ceiling(time.TimestampFrequency / requestsPerSecond);
    private long _nextStart = time.GetTimestamp();
    private long? _idleSince = time.GetTimestamp();

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                return _idleSince is { } since && time.GetTimestamp() >= _nextStart ? time.GetElapsedTime(since) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (permitCount == 0 || now >= _nextStart)
            {
                Reserve(now, permitCount);
                return Lease.Acquired;
            }

            return Lease.Refused;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        long wait;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            wait = Reserve(now, permitCount) - now;
        }

        if (wait > 0)
        {
            // A cancelled wait leaves its slot unused: a gap, never a burst.
            await Task.Delay(TimeSpan.FromSeconds((double)wait / time.TimestampFrequency), time, cancellationToken);
        }

        return Lease.Acquired;
    }

    /// <returns>The timestamp the caller may start at.</returns>
    private long Reserve(long now, int permitCount)
    {
        var start = Math.Max(now, _nextStart);
        _nextStart = start + (_interval * permitCount);
        _idleSince = _nextStart;
        return start;
    }

    /// <returns>null for <c>--rps 0</c>: no limit.</returns>
    public static PacedRateLimiter? For(int rps, TimeProvider time) => rps > 0 ? new PacedRateLimiter(rps, time) : null;

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true);
        public static readonly Lease Refused = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, [NotNullWhen(true)] out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
