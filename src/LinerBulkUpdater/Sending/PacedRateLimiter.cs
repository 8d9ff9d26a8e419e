using System.Diagnostics.CodeAnalysis;
using System.Threading.RateLimiting;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// The limiter behind <c>--rps N</c>, and the one place that slows the run when Liner says 429:
/// never more than N request starts in any 1 s window, evenly spaced, and a pace that drops on a
/// 429 and climbs back slowly toward N while none comes (AIMD).
/// </summary>
/// <remarks>
/// A token bucket of size 1 is not enough on its own: when one start is late (a busy thread pool,
/// a cold start) the timer catches up and the next few go out together, N + 1 or more in a window.
/// Here callers take turns, and the one whose turn it is waits until
/// <list type="bullet">
/// <item>one interval after the previous start's scheduled time. When a caller that was waiting
/// is let through late (the process stalled), the schedule stands and the next starts catch up at
/// no more than 4/3 of the pace, so the rate over the run holds; when a caller simply came after its
/// slot (nobody was waiting), its own start becomes the schedule, so idle time is no credit;</item>
/// <item>the start N places back has left the 1 s window: the hard cap, whatever the catching up;</item>
/// <item>any pause a 429's Retry-After asked for is over: every worker waits it out.</item>
/// </list>
/// With <c>--rps 0</c> there is no pace and no cap, only the pauses.
/// </remarks>
internal sealed class PacedRateLimiter : RateLimiter
{
    /// <summary>The slowest the pace drops to after repeated 429s, in requests per second.</summary>
    private const double MinRate = 0.1;

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly long _window;
    private readonly double _maxRate;
    private readonly long[] _recentStarts;
    private double _rate;
    private long _interval;
    private int _oldest;
    private int _count;
    private long _scheduled;
    private long _lastStart;
    private long _pausedUntil;
    private long _lastChange;
    private long _successSecond;
    private int _successesThisSecond;
    private int _successesLastSecond;

    /// <param name="requestsPerSecond">N; 0 for no limit.</param>
    public PacedRateLimiter(int requestsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestsPerSecond);
        _time = time;
        _window = time.TimestampFrequency;
        _maxRate = _rate = requestsPerSecond;
        _interval = requestsPerSecond == 0 ? 0 : (long)Math.Ceiling(_window / _rate);
        _recentStarts = new long[requestsPerSecond];
        _scheduled = _lastStart = _pausedUntil = time.GetTimestamp() - _window;
        _lastChange = long.MinValue / 4;
    }

    /// <summary>The pace now, in requests per second (0: no limit).</summary>
    public double CurrentRate
    {
        get
        {
            lock (_gate)
            {
                return _rate;
            }
        }
    }

    /// <summary>Whether a 429's pause is in force now.</summary>
    public bool IsPaused => Interlocked.Read(ref _pausedUntil) > _time.GetTimestamp();

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>A request was accepted: what the API takes, as opposed to what we offer, is what a 429 slows down to.</summary>
    public void Succeeded()
    {
        lock (_gate)
        {
            CountSuccesses(_time.GetTimestamp(), 1);
        }
    }

    /// <summary>
    /// Liner answered 429: every start waits <paramref name="pause"/>, and the pace drops to 90 % of
    /// what the API accepted in the last second (or to half, before anything was accepted) — at most
    /// once per pause and the second after it, since requests already in flight bring more 429s for
    /// the same excess.
    /// </summary>
    public void Throttle(TimeSpan pause)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _pausedUntil = Math.Max(_pausedUntil, now + (long)(pause.TotalSeconds * _window));
            if (_maxRate > 0 && now - _lastChange >= _window)
            {
                var accepted = CountSuccesses(now, 0);
                SetRate(Math.Max(MinRate, accepted > 0 ? Math.Min(_rate, accepted) * 0.9 : _rate / 2));

                // The climb back starts when the pause is over.
                _lastChange = _pausedUntil;
            }

            // A pause is not a stall: nothing is to be caught up after it.
            _scheduled = Math.Max(_scheduled, _pausedUntil - _interval);
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount == 0 || !_turn.Wait(0))
        {
            return permitCount == 0 ? Lease.Acquired : Lease.Refused;
        }

        try
        {
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                if (now < EarliestStart())
                {
                    return Lease.Refused;
                }

                Record(now, permitCount, waited: false);
                return Lease.Acquired;
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0 || (_maxRate == 0 && Interlocked.Read(ref _pausedUntil) <= _time.GetTimestamp()))
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
                long wait;
                lock (_gate)
                {
                    var now = _time.GetTimestamp();
                    wait = EarliestStart() - now;
                    if (wait <= 0)
                    {
                        Record(now, permitCount, waited);
                        return Lease.Acquired;
                    }
                }

                waited = true;

                // Timers count whole milliseconds: a shorter wait would come back at once and spin.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait * 1000.0 / _window)), _time, cancellationToken);
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
        if (_maxRate == 0)
        {
            return _pausedUntil;
        }

        var paced = Math.Max(_scheduled + _interval, _lastStart + (_interval * 3 / 4));
        var capped = _count < _recentStarts.Length ? paced : Math.Max(paced, _recentStarts[_oldest] + _window);
        return Math.Max(capped, _pausedUntil);
    }

    /// <param name="waited">Whether the caller queued for its turn or its time: then lateness is a stall, to be caught up.</param>
    private void Record(long now, int permitCount, bool waited)
    {
        if (_maxRate == 0)
        {
            return;
        }

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

        // Additive increase, and a cautious one: 5 % (at least 0.5 request/s) per second without a 429, back up to N.
        if (_rate < _maxRate && now - _lastChange >= _window)
        {
            var seconds = (double)(now - _lastChange) / _window;
            SetRate(Math.Min(_maxRate, _rate + (Math.Max(0.5, _rate / 20) * seconds)));
            _lastChange = now;
        }
    }

    /// <returns>Requests accepted in the last whole second, or so far in this one if more.</returns>
    private int CountSuccesses(long now, int add)
    {
        var second = now / _window;
        if (second != _successSecond)
        {
            _successesLastSecond = second == _successSecond + 1 ? _successesThisSecond : 0;
            _successesThisSecond = 0;
            _successSecond = second;
        }

        _successesThisSecond += add;
        return Math.Max(_successesLastSecond, _successesThisSecond);
    }

    private void SetRate(double rate)
    {
        _rate = rate;
        _interval = (long)Math.Ceiling(_window / rate);
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
