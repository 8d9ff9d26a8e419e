namespace LinerBulkUpdater.Sending;

/// <summary>
/// The pace as additive increase, multiplicative decrease: a 429 drops it to 90 % of what Liner
/// accepted in the last second (or to half, before anything was accepted), and it climbs back
/// slowly toward N while no 429 comes.
/// </summary>
internal sealed class AimdRateController : IRateController
{
    /// <summary>The slowest the pace drops to after repeated 429s, in requests per second.</summary>
    public const double MinRate = 0.1;

    private readonly long _second;
    private readonly double _maxRate;
    private long _lastChange = long.MinValue / 4;
    private long _successSecond;
    private int _successesThisSecond;
    private int _successesLastSecond;

    /// <param name="requestsPerSecond">N, the pace to start at and never to climb above; 0 for no limit.</param>
    /// <param name="ticksPerSecond">The <see cref="TimeProvider.TimestampFrequency"/> of the timestamps to come.</param>
    public AimdRateController(int requestsPerSecond, long ticksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestsPerSecond);
        _second = ticksPerSecond;
        _maxRate = Rate = requestsPerSecond;
    }

    public double Rate { get; private set; }

    /// <remarks>
    /// Additive increase, and a cautious one: 5 % (at least 0.5 request/s) per second without a 429,
    /// back up to N. It is counted at starts, since only a start can tell whether the faster pace holds.
    /// </remarks>
    public void Started(long now)
    {
        if (Rate < _maxRate && now - _lastChange >= _second)
        {
            var seconds = (double)(now - _lastChange) / _second;
            Rate = Math.Min(_maxRate, Rate + (Math.Max(0.5, Rate / 20) * seconds));
            _lastChange = now;
        }
    }

    /// <remarks>What the API takes, as opposed to what we offer, is what a 429 slows down to.</remarks>
    public void Accepted(long now) => CountSuccesses(now, 1);

    /// <remarks>
    /// At most once per pause and the second after it, since requests already in flight bring more
    /// 429s for the same excess.
    /// </remarks>
    public void Throttled(long now, long pausedUntil)
    {
        if (_maxRate > 0 && now - _lastChange >= _second)
        {
            var accepted = CountSuccesses(now, 0);
            Rate = Math.Max(MinRate, accepted > 0 ? Math.Min(Rate, accepted) * 0.9 : Rate / 2);

            // The climb back starts when the pause is over.
            _lastChange = pausedUntil;
        }
    }

    /// <returns>Requests accepted in the last whole second, or so far in this one if more.</returns>
    private int CountSuccesses(long now, int add)
    {
        var second = now / _second;
        if (second != _successSecond)
        {
            _successesLastSecond = second == _successSecond + 1 ? _successesThisSecond : 0;
            _successesThisSecond = 0;
            _successSecond = second;
        }

        _successesThisSecond += add;
        return Math.Max(_successesLastSecond, _successesThisSecond);
    }
}
