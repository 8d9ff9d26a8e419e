namespace LinerBulkUpdater.Sending;

/// <summary>
/// How long <see cref="CeilingRateController"/> holds a ceiling before it probes above it, in seconds. The same ceiling
/// met again: twice as long, up to 32 s (a steady limit costs a 429 only now and then). Back at the highest of the last
/// minutes after a drop: as long as before the drop. Far below it: 2 s, the limit may be back at once; the same far-below
/// ceiling met again: 5 s, the limit stays low a while, and each probe costs a 429 (every 2 s, a tenth of a 4/s phase's
/// requests would be refused). Shared with someone else: 2 s, while the shares even out.
/// </summary>
internal sealed class ProbeHolds
{
    public const double Shortest = 4;
    public const double FarBelow = 2;
    private const double Longest = 32;
    private const double LaterFarBelow = 5;

    private double _hold = Shortest;
    // The first ceiling of a run is held four times as long: it was measured against a burst, and recounted since, and
    // a probe at a steady limit only costs a 429.
    private double _atHigh = 2 * Shortest;
    // Cuts in a row at the same ceiling far below the highest.
    private int _farBelowMet;

    /// <summary>The hold after a cut at a ceiling so placed.</summary>
    /// <param name="same">Within 10 % of the ceiling before.</param>
    public double After(bool contended, bool farBelow, bool atHigh, bool same)
    {
        _farBelowMet = farBelow && same ? _farBelowMet + 1 : 0;
        return _hold = contended ? FarBelow
            : farBelow ? (_farBelowMet > 0 ? LaterFarBelow : FarBelow)
            : atHigh ? _atHigh = Math.Min(Longest, _atHigh * 2)
            : same ? Math.Min(Longest, _hold * 2) : Shortest;
    }

    /// <summary>The hold when the pace grew back to the highest ceiling of the last minutes without a 429: as before the drop.</summary>
    public double BackAtHigh() => _hold = _atHigh;

    /// <summary>The hold after the pace was halved: the limit dropped, and may come back.</summary>
    public double AfterHalving() => _hold = FarBelow;
}
