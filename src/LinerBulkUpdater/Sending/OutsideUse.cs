namespace LinerBulkUpdater.Sending;

/// <summary>
/// What this run can tell of others using the key that it cannot see (a run on another machine, another integration):
/// the span from the first sign of them (a full window before any limit was found, a held ceiling squeezed) to the last
/// cut, while the key was taken to be shared, at a ceiling below the highest the run found; and this run's part of
/// that highest limit over the span. Counted at the end, not as it goes: a run that never had the key to itself learns
/// the whole limit only when the other leaves, and its cuts at that limit afterwards are the run alone, not shared.
/// Not thread-safe: the controller calls under the limiter's lock.
/// </summary>
internal sealed class OutsideUse(long ticksPerSecond)
{
    // Plenty for hours of sharing (a cut every few seconds); past it the oldest go, the first sign stays.
    private const int MostSigns = 10_000;

    private readonly List<(long At, long Accepted, double Ceiling)> _signs = [];
    private (long At, long Accepted)? _first;
    private long _accepted;
    // The highest ceiling of the run, not of the last minutes: the limit the signs are measured against.
    private double _highest;

    /// <summary>Liner accepted one of this run's requests.</summary>
    public void Accepted() => _accepted++;

    /// <summary>A cut found the ceiling at <paramref name="ceiling"/>, shared or not.</summary>
    public void Cut(double ceiling) => _highest = Math.Max(_highest, ceiling);

    /// <summary>A sign at <paramref name="now"/>: a cut to <paramref name="ceiling"/> (0: nothing got through).</summary>
    public void Seen(long now, double ceiling)
    {
        _first ??= (now, _accepted);
        _signs.Add((now, _accepted, ceiling));
        if (_signs.Count > MostSigns)
        {
            _signs.RemoveAt(0);
        }
    }

    /// <summary>The last sign proved to be the machine's timing, not someone else.</summary>
    public void TakeBack()
    {
        _signs.RemoveAt(_signs.Count - 1);
        _first = _signs.Count == 0 ? null : _first;
    }

    /// <summary>Null while no span of a second or more showed someone else.</summary>
    /// <param name="limit">Liner's limit for the key as the run knows it now (another run on this machine may have found it).</param>
    /// <param name="now">Whether the key is taken to be shared now.</param>
    public KeyUseOutside? Of(double limit, bool now)
    {
        limit = Math.Max(limit, _highest);
        var last = _signs.FindLastIndex(sign => !KeyContention.AtHigh(sign.Ceiling, limit));
        if (_first is not { } first || last < 0 || _signs[last].At - first.At < ticksPerSecond)
        {
            return null;
        }

        var seconds = (double)(_signs[last].At - first.At) / ticksPerSecond;
        return new KeyUseOutside(seconds, Math.Min(1, (_signs[last].Accepted - first.Accepted) / (seconds * limit)), now);
    }
}

/// <param name="Seconds">From the first sign of someone else on the key to the last.</param>
/// <param name="Share">This run's part of Liner's limit over that span, as far as it can tell (0..1).</param>
/// <param name="Now">Whether the run takes the key to be shared now.</param>
internal readonly record struct KeyUseOutside(double Seconds, double Share, bool Now);
