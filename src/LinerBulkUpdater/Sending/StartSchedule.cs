namespace LinerBulkUpdater.Sending;

/// <summary>
/// When the next request may start: never more than N starts in any 1 s window, evenly spaced at
/// the pace, and none while a 429's pause is in force. With N = 0 there is no cap, and a pace only
/// when the controller found Liner's limit.
/// </summary>
/// <remarks>
/// A token bucket of size 1 is not enough on its own: when one start is late (a busy thread pool,
/// a cold start) the timer catches up and the next few go out together, N + 1 or more in a window.
/// Here the next start waits until
/// <list type="bullet">
/// <item>one interval after the previous start's scheduled time. When a caller that was waiting
/// is let through late (the process stalled), the schedule stands and the next starts catch up at
/// no more than 4/3 of the pace, so the rate over the run holds; when a caller simply came after its
/// slot (nobody was waiting), its own start becomes the schedule, so idle time is no credit;</item>
/// <item>the start N places back has left the 1 s window: the hard cap, whatever the catching up;</item>
/// <item>any pause a 429's Retry-After asked for is over.</item>
/// </list>
/// Times are <see cref="TimeProvider.GetTimestamp"/> values. Callers take a lock around every call
/// but <see cref="PausedUntil"/>.
/// </remarks>
internal sealed class StartSchedule
{
    private readonly long _second;
    private readonly long[] _recentStarts;
    private long _interval;
    private int _oldest;
    private int _count;
    private long _scheduled;
    private long _lastStart;
    private long _pausedUntil;

    /// <param name="startsPerSecond">N, the cap and the pace to start at; 0 for neither.</param>
    /// <param name="now">The time now, so that the first start may go at once.</param>
    /// <param name="ticksPerSecond">The <see cref="TimeProvider.TimestampFrequency"/> of the timestamps.</param>
    public StartSchedule(int startsPerSecond, long now, long ticksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startsPerSecond);
        _second = ticksPerSecond;
        _recentStarts = new long[startsPerSecond];
        SetPace(startsPerSecond);
        _scheduled = _lastStart = _pausedUntil = now - ticksPerSecond;
    }

    /// <summary>Whether only pauses hold starts back: no cap (N = 0) and no pace.</summary>
    public bool Unlimited => _recentStarts.Length == 0 && _interval == 0;

    /// <summary>The end of the pause in force, or of the last one; safe to read without the lock.</summary>
    public long PausedUntil => Interlocked.Read(ref _pausedUntil);

    /// <summary>Spaces the starts to come for <paramref name="requestsPerSecond"/>; 0 leaves only the cap.</summary>
    public void SetPace(double requestsPerSecond) =>
        _interval = requestsPerSecond > 0 ? (long)Math.Ceiling(_second / requestsPerSecond) : 0;

    public long EarliestStart()
    {
        if (Unlimited)
        {
            return _pausedUntil;
        }

        var paced = _interval == 0 ? long.MinValue : Math.Max(_scheduled + _interval, _lastStart + (_interval * 3 / 4));
        var capped = _count < _recentStarts.Length || _recentStarts.Length == 0 ? paced : Math.Max(paced, _recentStarts[_oldest] + _second);
        return Math.Max(capped, _pausedUntil);
    }

    /// <summary><paramref name="permits"/> requests start at <paramref name="now"/>.</summary>
    /// <param name="waited">Whether the caller queued for its turn or its time: then lateness is a stall, to be caught up.</param>
    public void Record(long now, int permits, bool waited)
    {
        if (Unlimited)
        {
            return;
        }

        for (var i = 0; i < permits && _recentStarts.Length > 0; i++)
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
        _scheduled = Math.Max(_scheduled + _interval, waited ? now - _second : now) + (_interval * (permits - 1));
        _lastStart = now;
    }

    /// <summary>No start before <paramref name="until"/>; a pause that ends later stands.</summary>
    /// <remarks>Set the pace the 429 brings first: with the older, shorter interval the first start after the pause would come late.</remarks>
    public void PauseUntil(long until)
    {
        _pausedUntil = Math.Max(_pausedUntil, until);

        // A pause is not a stall: nothing is to be caught up after it.
        _scheduled = Math.Max(_scheduled, _pausedUntil - _interval);
    }
}
