namespace LinerBulkUpdater.Sending;

/// <summary>
/// Finds Liner's undocumented rate limit from its 429s and holds just under it, as TCP's CUBIC holds a link: when 429s
/// say "slower", the ceiling is what Liner accepted in the last second, and the pace drops to 99 % of it; then it stays
/// there, and probes upward after a hold that doubles each time the same ceiling is met again (so a steady limit costs
/// a 429 only now and then), growing slowly at first and faster the longer no 429 comes (so a limit that rose is found
/// in seconds). A limit that drops is met by its 429s and followed down; grown back to the highest ceiling of the last
/// minutes, the pace holds there without a 429. <c>--rps N</c> stays the hard cap (<see cref="StartSchedule"/>).
/// </summary>
/// <remarks>
/// <para>
/// Not every 429 means "slower". Ones that come at a share that does not fall when the pace falls (a burst limiter in
/// front of Liner, a flaky gateway) are noise: below <see cref="NoiseShare"/> of the answers they are only retried, and a
/// cut that did not lower their share is taken back, its share becoming the noise floor.
/// </para>
/// <para>
/// The refused requests wait their Retry-After (or their back-off without one). Everyone else waits only as long as
/// Liner's window will be full: a limiter that counts the last second's acceptances has room again once the oldest of
/// them is a second old, which is at once after a small overshoot and most of a second after a burst at the start;
/// when most answers are 429s, the Retry-After (or a second) too, should Liner count some other way.
/// </para>
/// <para>
/// A key is often shared. Runs on this machine split its pace evenly (<see cref="IRateController.ShareWith"/>: Rate and
/// Ceiling are then the key's, each answer counting for every run). Others are met through Liner's answers alone: a run
/// that meets a full window before it found any limit, or whose held ceiling is squeezed by a request or more, is
/// contended for a minute (<see cref="KeyContention"/>), and then behaves as TCP does to share a link: it yields a
/// quarter at each cut below the highest ceiling, probes after 2 s, and grows by a request a second, and one more each
/// second without a 429, whatever its pace, so that the shares even out.
/// </para>
/// </remarks>
internal sealed class CeilingRateController : IRateController
{
    /// <summary>The slowest the pace drops to, in requests per second.</summary>
    public const double MinRate = 0.1;

    /// <summary>Below this share of 429s among the last second's answers (and the noise floor's double), 429s are noise.</summary>
    public const double NoiseShare = 0.03;

    private const double Headroom = 0.99;
    private const double FullWindowShare = 0.5;
    private const double RecentHighSeconds = 300;
    private const double ContendedGrowth = 1.0;

    private readonly double _cap;
    private readonly long _second;
    private readonly RecentAnswers _recent;
    // Runs on this machine that split the key's pace evenly, this one included: Rate and Ceiling are the key's.
    private int _runs = 1;
    private double _noiseFloor;
    private readonly ProbeHolds _holds = new();
    private long _holdUntil;
    private long _ignoreUntil;
    private long _lastRaise;

    // When the cut's ceiling is counted again, once the answers of requests that started before the 429 are all in.
    private long? _recountAt;
    private (long StartedAt, long At) _cut;
    private int _throttledAfterCut;
    // The cut came while the pace held under a known ceiling, not while probing above it: the limit itself moved.
    private bool _cutWhileHolding;

    // Someone else seems to use the key: a full window met before any limit was found, or a held ceiling squeezed.
    private readonly KeyContention _contention;

    // The highest ceiling of the last minutes: far below it, a limit that dropped may come back, so probing is quicker.
    private (double Ceiling, long At) _high;

    // The noise test of the last cut: the pace before it, the share of 429s that made it, and when to look again.
    private (double PaceBefore, double Share, long? At) _noiseTest;

    /// <param name="requestsPerSecond">N, the pace to start at and never to pass; 0 for no limit until Liner shows one.</param>
    /// <param name="ticksPerSecond">The <see cref="TimeProvider.TimestampFrequency"/> of the timestamps to come.</param>
    public CeilingRateController(int requestsPerSecond, long ticksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestsPerSecond);
        _cap = requestsPerSecond;
        _second = ticksPerSecond;
        _recent = new RecentAnswers(ticksPerSecond);
        _contention = new KeyContention(ticksPerSecond);
        Rate = requestsPerSecond;
    }

    /// <summary>The pace now, of every run on this machine that uses the key together; 0: no limit.</summary>
    public double Rate { get; private set; }

    /// <summary>This run's part of <see cref="Rate"/>.</summary>
    public double Pace => Rate / _runs;

    /// <summary>Liner's limit as last found, requests per second; null while none was found (or it proved to be noise).</summary>
    public double? Ceiling { get; private set; }

    /// <summary>429s answered so far.</summary>
    public int Throttles { get; private set; }

    public void Started(long now)
    {
        _contention.Judge(now, _recent);
        if (_recountAt is { } recountAt && now >= recountAt)
        {
            _recountAt = null;
            if (_recent.HeldBefore(_cut.StartedAt) is var held && held > Ceiling)
            {
                _contention.Recounted(held, _high.Ceiling);
                (Ceiling, Rate) = (held, Capped(held * Headroom * _contention.Factor));
            }
        }

        if (_noiseTest.At is { } testAt && now >= testAt)
        {
            _noiseTest.At = null;
            var share = _recent.ThrottledShare(now);
            if (share > 0 && share >= _noiseTest.Share / 2)
            {
                // The pace fell and the 429s did not: they never meant "slower".
                (Rate, Ceiling, _noiseFloor) = (_noiseTest.PaceBefore, null, Math.Max(_noiseFloor, share));
                return;
            }
        }

        Raise(now);
    }

    public KeyUseOutside? SharedOutside(long now) => _contention.Outside(now, _high.Ceiling);

    public void Accepted(long startedAt, long now)
    {
        _recent.Accept(startedAt, now, _runs);
        _contention.Accepted();
    }

    public void ShareWith(int runs, double? ceiling, long now)
    {
        _runs = _contention.LocalRuns(now, runs);
        if (Ceiling is null && ceiling is { } known && _noiseTest.At is null)
        {
            // Another run found the key's limit: start under it, as if this run had found it, rather than spend 429s.
            (Ceiling, Rate, _high) = (known, Capped(known * Headroom), (known, now));
            _holdUntil = _lastRaise = now + (long)(ProbeHolds.Shortest * _second);
        }
    }

    public long Throttled(long now, long startedAt, long? retryAfter)
    {
        Throttles++;
        _recent.Throttle(startedAt, _runs);
        var share = _recent.ThrottledShare(now);
        if (now < _ignoreUntil)
        {
            // 429s to requests that started after the cut: even the new pace is too fast, so the limit dropped. Halve
            // it, and let Liner's window empty; the next cut measures the new limit.
            // One such 429 is enough after a cut that came while holding (the limit moved); after a probe's, two (one may
            // be the window's count and the run's disagreeing by a request).
            if (startedAt > _cut.At && ++_throttledAfterCut >= (_cutWhileHolding ? 1 : 2) && Ceiling is not null)
            {
                _throttledAfterCut = 0;
                Rate = Math.Max(MinRate, Rate / 2);
                _cut.At = now;
                _holdUntil = _lastRaise = now + (long)(_holds.AfterHalving() * _second);
                _ignoreUntil = now + _second;
                return now + (retryAfter ?? _second);
            }

            return 0;
        }

        if (share < Math.Max(NoiseShare, 2 * _noiseFloor))
        {
            // Too few 429s to be a ceiling: the refused requests retry on their own.
            return 0;
        }

        var accepted = _recent.AcceptedInSecondBefore(now);
        if (accepted == 0)
        {
            // Nothing got through for a second: no ceiling to learn, only Liner's word to wait (or a second without it).
            // Before any limit was found, that is someone else's use of the key.
            if (Ceiling is null)
            {
                _contention.FullWindow(now);
            }

            _ignoreUntil = now + (retryAfter ?? _second);
            return _ignoreUntil;
        }

        var ceiling = Math.Max(MinRate, Math.Max(accepted, _recent.HeldBefore(startedAt)));
        _cutWhileHolding = Ceiling is not null && now < _holdUntil;
        _noiseTest = (Rate, share, now + (2 * _second));
        if (ceiling >= _high.Ceiling || now - _high.At > RecentHighSeconds * _second)
        {
            _high = (ceiling, now);
        }

        var farBelow = ceiling < 0.8 * _high.Ceiling;
        var atHigh = KeyContention.AtHigh(ceiling, _high.Ceiling);
        var same = Ceiling is { } known && Math.Abs(known - ceiling) <= known * 0.1;
        var contended = _contention.Cut(now, Ceiling, ceiling, _cutWhileHolding, atHigh);
        var hold = _holds.After(contended, farBelow, atHigh, same);
        Ceiling = ceiling;
        Rate = Capped(ceiling * Headroom * _contention.Factor);
        _holdUntil = now + (long)(hold * _second);
        _lastRaise = _holdUntil;
        _ignoreUntil = now + _second;
        _cut = (startedAt, now);
        _throttledAfterCut = 0;
        _recountAt = now + (_second / 2);

        // Whatever starts before Liner's window has room is refused anyway.
        var room = _recent.RoomAt(now);
        return share >= FullWindowShare ? Math.Max(room, now + (retryAfter ?? _second)) : room;
    }

    /// <summary>
    /// After the hold, the pace grows by 1 % + 3 % × t² of itself over t seconds without a 429 that says "slower"; with no
    /// cap and no 429 for long past four times the ceiling, the limit is taken to be gone.
    /// </summary>
    private void Raise(long now)
    {
        if (Rate == 0 || now < _holdUntil || now - _lastRaise < _second / 10)
        {
            return;
        }

        var seconds = (double)(now - _holdUntil) / _second;
        var step = (double)(now - _lastRaise) / _second;
        // Far below a ceiling of the last minute, three times as fast: the limit may be back.
        var growth = (0.01 + (0.06 * seconds)) * step * (Rate < 0.8 * _high.Ceiling ? 3 : 1);
        // Shared with someone else: one request a second more, and one more each second without a 429, whatever the pace, so
        // a small share gains as fast as a large one (growth in proportion to the pace kept the larger run ahead); as each
        // yields a quarter at a 429, and the larger meets more, the shares even out: additive increase, multiplicative decrease.
        Rate = Capped(_contention.SharedAt(now) ? Rate + (ContendedGrowth * (1 + seconds) * step) : Rate * (1 + growth));
        _lastRaise = now;
        if (!_contention.SharedAt(now) && Ceiling < _high.Ceiling && Rate >= _high.Ceiling * Headroom)
        {
            // Back at the highest ceiling of the last minutes: held as if met there again, for a probe past it would only
            // cost a 429 to learn what the run knows.
            (Ceiling, Rate) = (_high.Ceiling, Capped(_high.Ceiling * Headroom));
            _holdUntil = _lastRaise = now + (long)(_holds.BackAtHigh() * _second);
            _contention.BackAtHigh();
        }
        else if (_cap == 0 && Ceiling is { } ceiling && Rate > 4 * ceiling)
        {
            (Rate, Ceiling) = (0, null);
        }
    }

    /// <summary><paramref name="rate"/>, but never past <c>--rps</c> for each run (none with 0).</summary>
    private double Capped(double rate) => _cap > 0 ? Math.Min(_cap * _runs, rate) : rate;
}
