using System.Diagnostics.CodeAnalysis;
using System.Threading.RateLimiting;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// The limiter behind <c>--rps N</c>: never more than N request starts in any 1 s window, and
/// those evenly spaced, 1/N s apart, rather than in bursts.
/// </summary>
/// <remarks>
/// A token bucket of size 1 is not enough on its own: when one start is late (a busy thread pool,
/// a cold start) the timer catches up and the next few go out together, N + 1 or more in a window.
/// Here callers take turns, and the one whose turn it is waits until
/// <list type="bullet">
/// <item>one interval after the previous start's scheduled time. When a caller that was waiting
/// is let through late (the process stalled), the schedule stands and the next starts catch up at
/// no more than 4/3 of the pace, so the rate over the run holds; when a caller simply came after its
/// slot (nobody was waiting), its own start becomes the schedule, so idle time is no credit; and</item>
/// <item>the start N places back has left the 1 s window: the hard cap, whatever the catching up.</item>
/// </list>
/// </remarks>
internal sealed class PacedRateLimiter : RateLimiter
{
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly long _interval;
    private readonly long _window;
    private readonly long[] _recentStarts;
    private int _oldest;
    private int _count;
    private long _scheduled;
    private long _lastStart;

    public PacedRateLimiter(int requestsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerSecond, 1);
        _time = time;
        _window = time.TimestampFrequency;
        _interval = (long)Math.Ceiling((double)_window / requestsPerSecond);
        _recentStarts = new long[requestsPerSecond];
        _scheduled = _lastStart = time.GetTimestamp() - _window;
    }

    /// <returns>null for <c>--rps 0</c>: no limit.</returns>
    public static PacedRateLimiter? For(int rps, TimeProvider time) => rps > 0 ? new PacedRateLimiter(rps, time) : null;

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount == 0 || !_turn.Wait(0))
        {
            return permitCount == 0 ? Lease.Acquired : Lease.Refused;
        }

        try
        {
            var now = _time.GetTimestamp();
            if (now < EarliestStart())
            {
                return Lease.Refused;
            }

            Record(now, permitCount, waited: false);
            return Lease.Acquired;
        }
        finally
        {
            _turn.Release();
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return Lease.Acquired;
        }

        var waited = !_turn.Wait(0);
        if (waited)
        {
            await _turn.WaitAsync(cancellationToken);
        }

        try
        {
            while (true)
            {
                var now = _time.GetTimestamp();
                var earliest = EarliestStart();
                if (now >= earliest)
                {
                    Record(now, permitCount, waited);
                    return Lease.Acquired;
                }

                waited = true;
                // Timers count whole milliseconds: a shorter wait would come back at once and spin.
                var wait = Math.Ceiling((earliest - now) * 1000.0 / _time.TimestampFrequency);
                await Task.Delay(TimeSpan.FromMilliseconds(wait), _time, cancellationToken);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _turn.Dispose();
        }

        base.Dispose(disposing);
    }

    private long EarliestStart()
    {
        var paced = Math.Max(_scheduled + _interval, _lastStart + (_interval * 3 / 4));
        return _count < _recentStarts.Length ? paced : Math.Max(paced, _recentStarts[_oldest] + _window);
    }

    /// <param name="waited">Whether the caller queued for its turn or its time: then lateness is a stall, to be caught up.</param>
    private void Record(long now, int permitCount, bool waited)
    {
        for (var i = 0; i < permitCount; i++)
        {
            if (_count < _recentStarts.Length)
            {
                _recentStarts[(_oldest + _count++) % _recentStarts.Length] = now;
            }
            else
            {
                _recentStarts[_oldest] = now;
                _oldest = (_oldest + 1) % _recentStarts.Length;
            }
        }

        // Catching up is bounded to one window's worth of slots.
        _scheduled = Math.Max(_scheduled + _interval, waited ? now - _window : now) + (_interval * (permitCount - 1));
        _lastStart = now;
    }

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
