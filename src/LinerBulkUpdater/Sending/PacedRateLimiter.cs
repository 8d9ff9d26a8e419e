using System.Threading.RateLimiting;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// The limiter behind <c>--rps N</c>, and the one place that slows the run when Liner says 429:
/// never more than N request starts in any 1 s window, evenly spaced (<see cref="StartSchedule"/>),
/// at the pace the <see cref="IRateController"/> finds Liner takes.
/// </summary>
/// <remarks>
/// Callers take turns: the one whose turn it is waits until the schedule lets it start, so a late
/// start is never followed by a crowd of callers that all found their slot passed.
/// </remarks>
internal sealed class PacedRateLimiter : RateLimiter
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    // One waiter schedules its start at a time; a started row's request takes the next turn before a row that starts.
    private readonly PrioritySlots _turn = new(1);
    private readonly StartSchedule _schedule;
    private readonly IRateController _controller;
    private readonly PeerPolls _peers;

    /// <param name="requestsPerSecond">N; 0 for no limit.</param>
    /// <param name="peers">The other runs on this machine using the key, to split its pace with; null: none are asked.</param>
    public PacedRateLimiter(int requestsPerSecond, TimeProvider time, IKeyPeers? peers = null)
        : this(requestsPerSecond, new CeilingRateController(requestsPerSecond, time.TimestampFrequency), time, peers)
    {
    }

    /// <param name="requestsPerSecond">N, the hard cap whatever <paramref name="controller"/> asks for; 0 for no limit.</param>
    public PacedRateLimiter(int requestsPerSecond, IRateController controller, TimeProvider time, IKeyPeers? peers = null)
    {
        _time = time;
        _controller = controller;
        _schedule = new StartSchedule(requestsPerSecond, time.GetTimestamp(), time.TimestampFrequency);
        _peers = new PeerPolls(peers, time.GetTimestamp(), time.TimestampFrequency);
        _peers.Ask(time.GetTimestamp(), controller);
        _schedule.SetPace(controller.Pace);
    }

    /// <summary>This run's pace now, in requests per second (0: no limit).</summary>
    public double CurrentRate
    {
        get
        {
            lock (_gate)
            {
                return _controller.Pace;
            }
        }
    }

    /// <summary>
    /// How this run shared the key so far; with how many runs on this machine now; and whether Liner's answers say
    /// someone else uses the key too now.
    /// </summary>
    public (KeySharing Sharing, int RunsNow, bool OutsideNow) Sharing
    {
        get
        {
            lock (_gate)
            {
                var outside = _controller.SharedOutside(_time.GetTimestamp());
                return (_peers.Sharing(outside), _peers.Runs, outside?.Now == true);
            }
        }
    }

    /// <summary>Whether a 429's pause is in force now.</summary>
    public bool IsPaused => _schedule.PausedUntil > _time.GetTimestamp();

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>The request that started at <paramref name="startedAt"/> (a <see cref="TimeProvider.GetTimestamp"/>) was accepted.</summary>
    public void Succeeded(long startedAt)
    {
        lock (_gate)
        {
            _controller.Accepted(startedAt, _time.GetTimestamp());
        }
    }

    /// <summary>The longest pause <see cref="Throttle"/> takes, whatever it is asked for.</summary>
    public static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(SendingOptions.LongestDelaySeconds);

    /// <summary>Liner's limit as the controller found it, requests per second; null while none is known.</summary>
    public double? Ceiling
    {
        get
        {
            lock (_gate)
            {
                return _controller.Ceiling;
            }
        }
    }

    /// <summary>429s answered so far.</summary>
    public int Throttles
    {
        get
        {
            lock (_gate)
            {
                return _controller.Throttles;
            }
        }
    }

    /// <summary>Liner answered 429: the controller sets a new pace, and may hold every start back for a while.</summary>
    /// <param name="retryAfter">
    /// The answer's Retry-After, which the caller capped at Sending:MaxDelaySeconds; here it is held to
    /// 0..<see cref="LongestPause"/> again, so that no value (999999999) overflows a timestamp or a timer. Null without one.
    /// </param>
    /// <param name="startedAt">When the refused request started (a <see cref="TimeProvider.GetTimestamp"/>); now when not given.</param>
    public void Throttle(TimeSpan? retryAfter, long? startedAt = null)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var after = retryAfter is { } wait ? (long?)(Math.Clamp(wait.TotalSeconds, 0, LongestPause.TotalSeconds) * _time.TimestampFrequency) : null;
            var until = _controller.Throttled(now, startedAt ?? now, after);
            _schedule.SetPace(_controller.Pace);
            if (until > now)
            {
                // A shorter pause does not end a longer one.
                _schedule.PauseUntil(until);
            }
        }
    }

    /// <summary>Liner's rate-limit headers say its window has no room left: no start before it resets, and no change of pace.</summary>
    public void WaitForWindow(TimeSpan reset)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _schedule.PauseUntil(now + (long)(Math.Clamp(reset.TotalSeconds, 0, LongestPause.TotalSeconds) * _time.TimestampFrequency));
        }
    }

    /// <summary>What an answer does to the pace, as <see cref="AnswerJudge"/> decided it: the one place a run's answers move it.</summary>
    /// <param name="startedAt">When the answered request started (a <see cref="TimeProvider.GetTimestamp"/>).</param>
    public void Apply(PaceEffect effect, long startedAt)
    {
        switch (effect.Signal)
        {
            case PaceSignal.Accepted:
                Succeeded(startedAt);
                break;
            case PaceSignal.Throttled:
                Throttle(effect.RetryAfter, startedAt);
                break;
        }

        if (effect.WaitForWindow is { } reset)
        {
            WaitForWindow(reset);
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount == 0 || !_turn.TryTake())
        {
            return permitCount == 0 ? StartLease.Acquired : StartLease.Refused;
        }

        try
        {
            return TryStart(permitCount, waited: false) <= 0 ? StartLease.Acquired : StartLease.Refused;
        }
        finally
        {
            _turn.Release();
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        AcquireAsync(permitCount, started: false, cancellationToken);

    /// <summary>A start for one request; a started row's (<paramref name="started"/>) goes before those of rows not yet started.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(bool started, CancellationToken cancellationToken) => AcquireAsync(1, started, cancellationToken);

    private async ValueTask<RateLimitLease> AcquireAsync(int permitCount, bool started, CancellationToken cancellationToken)
    {
        if (permitCount == 0 || (_schedule.Unlimited && _schedule.PausedUntil <= _time.GetTimestamp()))
        {
            return StartLease.Acquired;
        }

        var waited = !_turn.TryTake();
        if (waited)
        {
            await _turn.WaitAsync(started, cancellationToken);
        }

        try
        {
            for (long wait; (wait = TryStart(permitCount, waited)) > 0; waited = true)
            {
                // Timers count whole milliseconds: a shorter wait would come back at once and spin.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait * 1000.0 / _time.TimestampFrequency)), _time, cancellationToken);
            }

            return StartLease.Acquired;
        }
        finally
        {
            _turn.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
    }

    /// <summary>Starts <paramref name="permitCount"/> requests now if the schedule lets them.</summary>
    /// <param name="waited">Whether the caller queued for its turn or its time: then lateness is a stall, to be caught up.</param>
    /// <returns>How long, in timestamp ticks, until it would; 0 or less when they started.</returns>
    private long TryStart(int permitCount, bool waited)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var wait = _schedule.EarliestStart() - now;
            if (wait <= 0)
            {
                _schedule.Record(now, permitCount, waited);
                _controller.Started(now);
                _peers.AskIfDue(now, _controller);
                _schedule.SetPace(_controller.Pace);
            }

            return wait;
        }
    }
}
