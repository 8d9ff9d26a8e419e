using LinerBulkUpdater.Sending;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Tests.Sending;

/// <summary>
/// Runs, each with its own <see cref="PacedRateLimiter"/> and controller, against one limit of at most L accepted
/// requests in any sliding 1 s window, on a fake clock stepped a millisecond at a time: a request reaches the limit
/// 10 ms after it starts and its answer comes 10 ms later; a refused one is tried again after its Retry-After (whole
/// seconds, at least 1), as the run's retry strategy does; each run has at most 8 requests in flight. What the
/// controllers do with Liner's answers, without the machine's noise: seconds of it pass in milliseconds.
/// </summary>
internal sealed class SharedLimitSimulation
{
    private const int InFlight = 8;

    private readonly FakeTimeProvider _clock = new();
    private readonly Func<double, int> _limit;
    private readonly Queue<long> _window = new();
    private readonly List<SimulatedRun> _runs = [];
    private readonly LocalPeers? _peers;
    private readonly long _origin;

    /// <param name="limit">L at so many seconds after the first request.</param>
    /// <param name="coordinateLocally">Whether the runs tell each other of themselves, as runs on one machine do.</param>
    public SharedLimitSimulation(Func<double, int> limit, bool coordinateLocally)
    {
        _limit = limit;
        _origin = _clock.GetTimestamp();
        _peers = coordinateLocally ? new LocalPeers() : null;
    }

    /// <summary>The runs, in the order added.</summary>
    public IReadOnlyList<SimulatedRun> Runs => _runs;

    /// <summary>Seconds since the simulation began.</summary>
    public double Now => (double)(_clock.GetTimestamp() - _origin) / _clock.TimestampFrequency;

    /// <summary>A run of <paramref name="rows"/> rows at <c>--rps <paramref name="rps"/></c>, starting <paramref name="startsAt"/> seconds in.</summary>
    public SimulatedRun Add(int rows, double startsAt, int rps = 100)
    {
        var run = new SimulatedRun(rows, startsAt, rps, _peers);
        _runs.Add(run);
        return run;
    }

    /// <summary>Steps until every run is done, or <paramref name="seconds"/> have passed.</summary>
    public void RunFor(double seconds)
    {
        var end = _clock.GetTimestamp() + (long)(seconds * _clock.TimestampFrequency);
        while (_clock.GetTimestamp() < end && _runs.Any(run => !run.Done))
        {
            Step();
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    private void Step()
    {
        var now = _clock.GetTimestamp();
        var second = _clock.TimestampFrequency;
        while (_window.Count > 0 && _window.Peek() <= now - second)
        {
            _window.Dequeue();
        }

        // Arrivals in the order they started, whichever run sent them.
        foreach (var (run, request) in _runs.SelectMany(run => run.Arriving(now).Select(request => (run, request))).OrderBy(pair => pair.request.StartedAt).ToList())
        {
            var accepted = _window.Count < _limit(Now);
            if (accepted)
            {
                _window.Enqueue(now);
            }

            var retryAfter = accepted ? 0 : Math.Max(1, (int)Math.Ceiling((double)(_window.ElementAt(_window.Count - _limit(Now)) + second - now) / second));
            run.Decided(request, accepted, retryAfter, now + (second / 100));
        }

        foreach (var run in _runs)
        {
            run.Step(now, Now, _clock);
        }
    }

    /// <summary>Peers that know of each other at once, as the runs of one machine do through their files.</summary>
    internal sealed class LocalPeers
    {
        private readonly List<(SimulatedRun Run, double? Ceiling)> _told = [];

        public void Tell(SimulatedRun run, double? ceiling)
        {
            _told.RemoveAll(entry => entry.Run == run);
            _told.Add((run, ceiling));
        }

        public int Runs => _told.Count(entry => entry.Run.Active);

        public double? CeilingOtherThan(SimulatedRun run) =>
            _told.Where(entry => entry.Run != run && entry.Run.Active && entry.Ceiling is not null).Select(entry => entry.Ceiling).FirstOrDefault();

        public IKeyPeers For(SimulatedRun run) => new View(this, run);

        private sealed class View(LocalPeers peers, SimulatedRun run) : IKeyPeers
        {
            public int Runs => Math.Max(1, peers.Runs);

            public double? Ceiling => peers.CeilingOtherThan(run);

            public void Tell(double? ceiling) => peers.Tell(run, ceiling);
        }
    }

    internal sealed record Request(long StartedAt, long ArrivesAt)
    {
        public long AnswerAt { get; set; } = long.MaxValue;

        public bool Accepted { get; set; }

        public int RetryAfter { get; set; }
    }

    internal sealed class SimulatedRun(int rows, double startsAt, int rps, LocalPeers? peers)
    {
        private readonly List<Request> _inFlight = [];
        private readonly List<long> _retries = [];
        private PacedRateLimiter? _limiter;
        private int _fresh = rows;

        /// <summary>Seconds (since the simulation began) of each request Liner accepted.</summary>
        public List<double> AcceptedAt { get; } = [];

        public int Refused => RefusedAt.Count;

        /// <summary>Seconds (since the simulation began) of each 429.</summary>
        public List<double> RefusedAt { get; } = [];

        public double? FinishedAt { get; private set; }

        public bool Done => FinishedAt is not null;

        public bool Active => _limiter is not null && !Done;

        public PacedRateLimiter Limiter => _limiter!;

        /// <summary>Accepted requests of this run between two times, in seconds.</summary>
        public int AcceptedBetween(double from, double to) => AcceptedAt.Count(at => at >= from && at < to);

        public IEnumerable<Request> Arriving(long now) => _inFlight.Where(request => request.ArrivesAt == now);

        public void Decided(Request request, bool accepted, int retryAfter, long answerAt) =>
            (request.Accepted, request.RetryAfter, request.AnswerAt) = (accepted, retryAfter, answerAt);

        public void Step(long now, double seconds, FakeTimeProvider clock)
        {
            if (Done || seconds < startsAt)
            {
                return;
            }

            _limiter ??= new PacedRateLimiter(rps, clock, peers?.For(this));
            foreach (var answered in _inFlight.Where(request => request.AnswerAt <= now).ToList())
            {
                _inFlight.Remove(answered);
                if (answered.Accepted)
                {
                    _limiter.Succeeded(answered.StartedAt);
                    AcceptedAt.Add(seconds);
                }
                else
                {
                    RefusedAt.Add(seconds);
                    _limiter.Throttle(TimeSpan.FromSeconds(answered.RetryAfter), answered.StartedAt);
                    _retries.Add(now + (answered.RetryAfter * clock.TimestampFrequency));
                }
            }

            while (_inFlight.Count < InFlight && (_fresh > 0 || _retries.Any(due => due <= now)))
            {
                using var lease = _limiter.AttemptAcquire();
                if (!lease.IsAcquired)
                {
                    break;
                }

                var retry = _retries.FindIndex(due => due <= now);
                if (retry >= 0)
                {
                    _retries.RemoveAt(retry);
                }
                else
                {
                    _fresh--;
                }

                _inFlight.Add(new Request(now, now + (clock.TimestampFrequency / 100)));
            }

            if (_fresh == 0 && _retries.Count == 0 && _inFlight.Count == 0)
            {
                FinishedAt = seconds;
                _limiter.Dispose();
            }
        }
    }
}
