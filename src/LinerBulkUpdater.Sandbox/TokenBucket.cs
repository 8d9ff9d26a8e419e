namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// The sandbox's own rate limit, as an API gateway applies one: a bucket of max(1, rate) tokens that
/// starts full and refills at <c>rate</c> per second. Not System.Threading.RateLimiting's, whose
/// timer-driven refill cannot follow a test's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class TokenBucket
{
    // Refill is computed in floating point: 0.2 s at 5/s may come to 0.9999999999 tokens, which is one.
    private const double Rounding = 1e-9;

    private readonly double _perSecond;
    private readonly double _capacity;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _refilledAt;

    public TokenBucket(double perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _perSecond = perSecond;
        _capacity = Math.Max(1, perSecond);
        _time = time;
        _tokens = _capacity;
        _refilledAt = time.GetTimestamp();
    }

    /// <summary>
    /// Takes a token if there is one; otherwise says how long until there is, in whole seconds, at
    /// least 1 (Retry-After has no fractions, and 0 would invite an immediate retry).
    /// </summary>
    public bool TryTake(out int retryAfterSeconds)
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (_time.GetElapsedTime(_refilledAt, now).TotalSeconds * _perSecond));
            _refilledAt = now;
            if (_tokens >= 1 - Rounding)
            {
                _tokens = Math.Max(0, _tokens - 1);
                retryAfterSeconds = 0;
                return true;
            }

            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((1 - _tokens) / _perSecond));
            return false;
        }
    }
}
