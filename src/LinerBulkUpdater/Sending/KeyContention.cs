namespace LinerBulkUpdater.Sending;

/// <summary>
/// Whether someone this run cannot see seems to use the key too (a run on another machine, another integration), as
/// <see cref="CeilingRateController"/> tells it from Liner's answers alone: a full window met before any limit was found,
/// or a held ceiling squeezed by a request or more. For a minute after such a sign the key is taken to be shared, and
/// every cut below the highest ceiling yields a quarter: TCP's multiplicative decrease, which, with the controller's
/// additive increase, evens the shares out (the run with the larger share is cut more often). A cut at the highest
/// ceiling yields nothing: the run has the whole window again, as a run left alone does.
/// Not thread-safe: the controller calls under the limiter's lock.
/// </summary>
internal sealed class KeyContention(long ticksPerSecond)
{
    private const long SharedSeconds = 60;
    private const double Yield = 0.25;
    private const long SettleSeconds = 2;

    private readonly OutsideUse _outside = new(ticksPerSecond);
    private long _until;
    // The last cut's squeeze: the ceiling it squeezed (MaxValue: none), and when sharing ended before it.
    private (double From, long UntilBefore) _squeeze = (double.MaxValue, 0);
    private int _localRuns = 1;
    private long _settledAt;
    // The ceiling was taken back up to the highest without Liner showing it: no squeeze of it is anyone else's yet.
    private bool _unconfirmed;
    // When a full window was met before any limit was found: judged half a second later.
    private long? _fullWindow;

    /// <summary>What the last cut leaves of the ceiling's pace: 1, or 1 less a quarter when it yielded.</summary>
    public double Factor { get; private set; } = 1;

    public bool SharedAt(long now) => now < _until;

    /// <summary>Whether <paramref name="ceiling"/> is at the highest the run knows (within a tenth): the whole window, no one else's.</summary>
    public static bool AtHigh(double ceiling, double high) => ceiling >= 0.9 * high;

    /// <summary>Liner accepted one of this run's requests.</summary>
    public void Accepted() => _outside.Accepted();

    /// <summary>
    /// <paramref name="runs"/> runs on this machine use the key now (see <see cref="IRateController.ShareWith"/>); at least 1.
    /// For 2 s after their number changed, a squeeze is theirs (a run that joined sent before this one read its file), not
    /// someone else's.
    /// </summary>
    public int LocalRuns(long now, int runs)
    {
        runs = Math.Max(1, runs);
        _settledAt = runs == _localRuns ? _settledAt : now + (SettleSeconds * ticksPerSecond);
        return _localRuns = runs;
    }

    /// <summary>
    /// Nothing got through for a second before any limit was found: someone else fills the window, unless most of the
    /// run's own first requests were accepted and only answered later (a 429 can come back before a slower 200), which
    /// <see cref="Judge"/> tells half a second later.
    /// </summary>
    public void FullWindow(long now) => _fullWindow ??= now;

    /// <summary>Judges a full window met half a second ago or more by what the run's answers say now.</summary>
    public void Judge(long now, RecentAnswers recent)
    {
        if (_fullWindow is { } at && now >= at + (ticksPerSecond / 2))
        {
            _fullWindow = null;
            // Most of the second's requests refused, counted now that the slower answers are in: someone else's window.
            if (recent.ThrottledShare(at) > 0.5)
            {
                _until = Math.Max(_until, at + (SharedSeconds * ticksPerSecond));
                _outside.Seen(at, 0);
            }
        }
    }

    /// <summary>The pace grew back to the highest ceiling, which is taken to hold again without a 429 that shows it.</summary>
    public void BackAtHigh() => _unconfirmed = true;

    /// <summary>A cut to <paramref name="ceiling"/>; <paramref name="held"/> is the ceiling before it (null: none).</summary>
    /// <param name="whileHolding">The cut came while the pace held under <paramref name="held"/>, not while probing.</param>
    /// <param name="atHigh">The ceiling is at the highest of the last minutes.</param>
    /// <returns>Whether the key is taken to be shared now.</returns>
    public bool Cut(long now, double? held, double ceiling, bool whileHolding, bool atHigh)
    {
        // One request short is a squeeze when alone; with runs on this machine each of this run's requests counts for all of
        // them, and one short is the counting's grain (the runs' timing under load), so two are needed.
        var squeezed = whileHolding && !_unconfirmed && now >= _settledAt && held is { } from
            && ceiling <= from - ((2 * _localRuns) - 1) && ceiling >= 0.7 * from;
        _squeeze = (squeezed ? held!.Value : double.MaxValue, _until);
        _until = squeezed ? now + (SharedSeconds * ticksPerSecond) : _until;
        _unconfirmed = false;
        _outside.Cut(ceiling);
        var shared = now < _until;
        Factor = squeezed || (shared && !atHigh) ? 1 - Yield : 1;
        if (shared)
        {
            _outside.Seen(now, ceiling);
        }

        return shared;
    }

    /// <summary>
    /// Counted again half a second after the cut, the window held <paramref name="held"/>: as much as before a squeeze,
    /// the machine's timing made it, not someone else, and the squeeze is taken back; at the highest ceiling
    /// (<paramref name="high"/>), the run has the whole window, and yields nothing.
    /// </summary>
    public void Recounted(double held, double high)
    {
        if (held >= _squeeze.From)
        {
            (Factor, _until) = (1, _squeeze.UntilBefore);
            _outside.TakeBack();
        }
        else if (AtHigh(held, high))
        {
            Factor = 1;
        }
    }

    /// <param name="limit">Liner's limit for the key, the highest the run found.</param>
    public KeyUseOutside? Outside(long now, double limit) => _outside.Of(limit, SharedAt(now));
}
