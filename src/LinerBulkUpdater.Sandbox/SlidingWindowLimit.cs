using System.Globalization;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// A rate limit as common gateways count it: at most L accepted requests in any sliding 1 s window (a refused request
/// does not use the window up), where L may follow a schedule (<see cref="SandboxFaults.RateLimitSchedule"/>) counted
/// from the first request, so a test or a benchmark can drop the limit mid-run and raise it again.
/// </summary>
internal sealed class SlidingWindowLimit
{
    private readonly (double From, int Limit)[] _schedule;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Queue<long> _accepted = new();
    private long? _firstAt;

    public SlidingWindowLimit((double From, int Limit)[] schedule, TimeProvider time)
    {
        _schedule = schedule;
        _time = time;
    }

    /// <summary>Reads <c>10, 4@30, 10@60</c>: 10/s from the first request, 4/s from 30 s after it, 10/s again from 60 s.</summary>
    /// <returns>Null when the text is no schedule; then <paramref name="problem"/> says why.</returns>
    public static (double From, int Limit)[]? Parse(string text, out string? problem)
    {
        problem = null;
        var steps = new List<(double, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.Split('@', StringSplitOptions.TrimEntries);
            var from = 0.0;
            if (at.Length > 2 || !int.TryParse(at[0], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1
                || (at.Length == 2 && (!double.TryParse(at[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out from) || from < 0)))
            {
                problem = $"'{part}' is not LIMIT or LIMIT@SECONDS (a whole limit of at least 1 a second, from that many seconds after the first request)";
                return null;
            }

            if (steps.Count > 0 && from <= steps[^1].Item1)
            {
                problem = $"'{part}': the steps must come in time order";
                return null;
            }

            steps.Add((from, limit));
        }

        if (steps.Count == 0 || steps[0].Item1 != 0)
        {
            problem = "the first step must have no @ (the limit from the first request on)";
            return null;
        }

        return [.. steps];
    }

    /// <summary>Accepts the request if the window has room; otherwise says when it will, in whole seconds, at least 1.</summary>
    public bool TryTake(out int retryAfterSeconds)
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _firstAt ??= now;
            var second = _time.TimestampFrequency;
            while (_accepted.Count > 0 && _accepted.Peek() <= now - second)
            {
                _accepted.Dequeue();
            }

            var elapsed = (double)(now - _firstAt.Value) / second;
            var limit = _schedule.Last(step => step.From <= elapsed).Limit;
            if (_accepted.Count < limit)
            {
                _accepted.Enqueue(now);
                retryAfterSeconds = 0;
                return true;
            }

            // Room comes when the oldest of the last `limit` accepted leaves the window.
            var oldest = _accepted.ElementAt(_accepted.Count - limit);
            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((double)(oldest + second - now) / second));
            return false;
        }
    }
}
