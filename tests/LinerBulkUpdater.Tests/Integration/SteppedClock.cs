using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>
/// One fake clock for a run (<see cref="Run"/>, as <c>CliHost.Time</c>) and its in-process sandbox
/// (<see cref="Sandbox"/>), moved forward by a loop of its own: simulated seconds pass in real
/// milliseconds, and every timer fires in order at its own instant.
/// </summary>
/// <remarks>
/// <para>
/// Real work takes no simulated time: the loop moves the clock only while no request is being worked on
/// for real. Every deadline the run has open (a per-attempt timeout, the health check's) must be matched
/// by a request the sandbox is holding on this clock (its latency, a stall). A request on the wire, being
/// answered or being read has a deadline and no hold, so the clock stands still until it is through: no
/// timeout fires because the machine is slow, however loaded it is.
/// </para>
/// <para>
/// Each step goes to the next timer due, but at most <see cref="MaxStep"/>, and only after a real
/// millisecond in which no timer was created, changed, fired or disposed: what follows a timer (the next
/// request after a back-off) gets the chance to start at the simulated instant it would have.
/// </para>
/// <para>
/// A timer is due at the exact tick FakeTimeProvider wakes it (a back-off of 1.5 ms is not due at 1 ms).
/// One made while a step was under way is woken by the fake clock up to a step later than this clock
/// recorded; when a step to a timer held as due fires nothing, the clock creeps on a millisecond at a time
/// until it does, rather than step to the same instant for ever.
/// </para>
/// </remarks>
internal sealed class SteppedClock : IAsyncDisposable
{
    /// <summary>The most the clock moves in one step: far below any timeout a test sets.</summary>
    public static readonly TimeSpan MaxStep = TimeSpan.FromMilliseconds(20);

    // If the clock may not move (a deadline without a hold) and nothing at all happens for this long, it
    // moves one step anyway rather than hang the test; counted in ForcedSteps, which tests can show.
    private static readonly TimeSpan Stuck = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Creep = TimeSpan.FromMilliseconds(1);

    private readonly FakeTimeProvider _fake;
    private readonly DateTimeOffset _start;
    private readonly Lock _lock = new();
    private readonly HashSet<TrackedTimer> _armed = [];
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private long _changes;
    private Hold? _hold;
    private Exception? _failure;

    public SteppedClock()
    {
        // Today, not 2000-01-01: reports are named after the run's start.
        _fake = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _start = _fake.GetUtcNow();
        Run = new Facade(this, sandbox: false);
        Sandbox = new Facade(this, sandbox: true);
        // A thread of its own: Thread.Sleep(1) is about 1 ms, Task.Delay(1) a timer tick (4 ms here).
        new Thread(Drive) { IsBackground = true, Name = "SteppedClock" }.Start();
    }

    private enum Kind
    {
        Other,

        /// <summary>The run's: a request's time limit (a per-attempt timeout, the health check's).</summary>
        Deadline,

        /// <summary>The sandbox's: a request held before its answer (latency, a stall).</summary>
        Held,
    }

    /// <summary>The clock for the run: pass it to <see cref="CliRun"/>.</summary>
    public TimeProvider Run { get; }

    /// <summary>The clock for the sandbox: pass it to <c>SandboxServer.StartAsync</c>.</summary>
    public TimeProvider Sandbox { get; }

    /// <summary>Simulated time since the clock was made.</summary>
    public TimeSpan Elapsed => _fake.GetUtcNow() - _start;

    /// <summary>Requests the sandbox is holding on this clock now (waiting out latency or a stall).</summary>
    public int HeldBySandbox => Count(Kind.Held);

    /// <summary>Steps taken although a deadline had no hold, because nothing happened for seconds.</summary>
    public int ForcedSteps { get; private set; }

    /// <summary>Steps taken.</summary>
    public int Steps { get; private set; }

    public override string ToString() =>
        $"{Elapsed.TotalSeconds:0.000} s simulated in {Steps} steps ({ForcedSteps} forced)";

    /// <summary>
    /// Stops the clock as soon as <paramref name="condition"/> holds (it is checked before every step) and
    /// returns then; the clock stands still until <see cref="Release"/>. Nothing that waits on the clock
    /// moves meanwhile, so the test can act at a known point.
    /// </summary>
    public Task HoldWhenAsync(Func<bool> condition) => SetHold(new Hold(condition, DateTimeOffset.MaxValue));

    /// <summary>Lets the clock run to <paramref name="elapsed"/> after it was made, never past it, and stops it there.</summary>
    public Task HoldAtAsync(TimeSpan elapsed) => SetHold(new Hold(null, _start + elapsed));

    /// <summary>Lets the clock run on after a hold.</summary>
    public void Release() => Volatile.Write(ref _hold, null);

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _stopped.Task;
        if (_failure is not null)
        {
            throw new InvalidOperationException("a timer callback threw while the clock was moved", _failure);
        }
    }

    private async Task SetHold(Hold hold)
    {
        Volatile.Write(ref _hold, hold);
        try
        {
            await hold.Reached.Task.WaitAsync(HoldTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the run never got there: {this}");
        }
    }

    private void Drive()
    {
        try
        {
            Loop();
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void Loop()
    {
        var seen = -1L;
        var idle = Stopwatch.StartNew();
        // The last step went to a timer held as due, at the clock's own time, and fired nothing.
        var firedNothing = false;
        while (!_stopping)
        {
            Thread.Sleep(1);
            var now = _fake.GetUtcNow();
            var hold = Volatile.Read(ref _hold);
            if (hold is not null && hold.IsReached(now))
            {
                continue;
            }

            var (changes, deadlines, held, nextDue, nextLater) = Snapshot(now);
            if (changes != seen)
            {
                // Something just happened: give what follows it a real moment to happen at this instant.
                seen = changes;
                idle.Restart();
                firedNothing = false;
                continue;
            }

            var forced = false;
            if (deadlines > held)
            {
                // A request is being worked on for real: its time must not pass. (More holds than deadlines
                // is fine: a sandbox that stopped leaves holds only the clock ends, so waiting would hang.)
                if (idle.Elapsed < Stuck)
                {
                    continue;
                }

                forced = true;
                idle.Restart();
            }

            if (nextDue is not { } due)
            {
                continue;
            }

            var limit = now + MaxStep;
            var target = due < limit ? due : limit;
            if (due <= now)
            {
                // Due now by this clock's record: moving to now fires it, unless the fake clock wakes it a little later.
                target = firedNothing ? Earliest(now + Creep, nextLater) : now;
                firedNothing = true;
            }
            else
            {
                firedNothing = false;
            }

            if (hold is not null && hold.At < target)
            {
                target = hold.At;
            }

            try
            {
                _fake.SetUtcNow(target > now ? target : now);
            }
            catch (Exception exception)
            {
                _failure ??= exception;
            }

            Steps++;
            ForcedSteps += forced ? 1 : 0;
        }
    }

    private static DateTimeOffset Earliest(DateTimeOffset one, DateTimeOffset? other) => other is { } later && later < one ? later : one;

    /// <returns>What is armed: the deadlines, the holds, the earliest due, and the earliest due after <paramref name="now"/>.</returns>
    private (long Changes, int Deadlines, int Held, DateTimeOffset? NextDue, DateTimeOffset? NextLater) Snapshot(DateTimeOffset now)
    {
        lock (_lock)
        {
            int deadlines = 0, held = 0;
            DateTimeOffset? next = null, later = null;
            foreach (var timer in _armed)
            {
                deadlines += timer.Kind == Kind.Deadline ? 1 : 0;
                held += timer.Kind == Kind.Held ? 1 : 0;
                next = next is { } earliest && earliest <= timer.Due ? earliest : timer.Due;
                later = timer.Due <= now || later is { } soonest && soonest <= timer.Due ? later : timer.Due;
            }

            return (Interlocked.Read(ref _changes), deadlines, held, next, later);
        }
    }

    private int Count(Kind kind)
    {
        lock (_lock)
        {
            return _armed.Count(timer => timer.Kind == kind);
        }
    }

    private ITimer CreateTimer(bool sandbox, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var kind = sandbox ? Kind.Held
            : state is CancellationTokenSource || state?.GetType().Name.StartsWith("CancellationPromise", StringComparison.Ordinal) == true ? Kind.Deadline
            : Kind.Other;
        var timer = new TrackedTimer(this, kind);
        Arm(timer, dueTime, period);
        timer.Attach(_fake.CreateTimer(
            static state =>
            {
                var (timer, callback, inner) = ((TrackedTimer, TimerCallback, object?))state!;
                timer.Clock.Fired(timer);
                callback(inner);
            },
            (timer, callback, state),
            dueTime,
            period));
        return timer;
    }

    // As FakeTimeProvider tells "never" (and a period of none): fewer than 0 whole milliseconds.
    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;

    // As FakeTimeProvider wakes a timer: at the exact tick, a due time below zero being now.
    private static TimeSpan Exact(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;

    private void Arm(TrackedTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            timer.Period = period;
            if (Milliseconds(dueTime) >= 0)
            {
                timer.Due = _fake.GetUtcNow() + Exact(dueTime);
                _armed.Add(timer);
            }
            else
            {
                _armed.Remove(timer);
            }
        }

        Interlocked.Increment(ref _changes);
    }

    private void Fired(TrackedTimer timer)
    {
        lock (_lock)
        {
            if (Milliseconds(timer.Period) >= 0 && timer.Period > TimeSpan.Zero && _armed.Contains(timer))
            {
                timer.Due = _fake.GetUtcNow() + timer.Period;
            }
            else
            {
                _armed.Remove(timer);
            }
        }

        Interlocked.Increment(ref _changes);
    }

    private void Disarm(TrackedTimer timer)
    {
        lock (_lock)
        {
            _armed.Remove(timer);
        }

        Interlocked.Increment(ref _changes);
    }

    private sealed class Facade(SteppedClock clock, bool sandbox) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock._fake.GetUtcNow();

        public override long GetTimestamp() => clock._fake.GetTimestamp();

        public override long TimestampFrequency => clock._fake.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => clock._fake.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            clock.CreateTimer(sandbox, callback, state, dueTime, period);
    }

    /// <summary>A timer of the fake clock, as the loop sees it: what it is for and when it is due.</summary>
    private sealed class TrackedTimer(SteppedClock clock, Kind kind) : ITimer
    {
        private readonly Lock _lock = new();
        private ITimer? _inner;
        private bool _disposed;

        public SteppedClock Clock => clock;

        public Kind Kind => kind;

        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; set; }

        public void Attach(ITimer inner)
        {
            bool disposed;
            lock (_lock)
            {
                _inner = inner;
                disposed = _disposed;
            }

            if (disposed)
            {
                inner.Dispose();
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            ITimer? inner;
            lock (_lock)
            {
                if (_disposed)
                {
                    return false;
                }

                inner = _inner;
            }

            clock.Arm(this, dueTime, period);
            return inner?.Change(dueTime, period) ?? true;
        }

        public void Dispose()
        {
            ITimer? inner;
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                inner = _inner;
            }

            clock.Disarm(this);
            inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Hold(Func<bool>? condition, DateTimeOffset at)
    {
        public DateTimeOffset At => at;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsReached(DateTimeOffset now)
        {
            if (Reached.Task.IsCompleted)
            {
                return true;
            }

            try
            {
                if (now >= at || condition?.Invoke() == true)
                {
                    Reached.TrySetResult();
                }
            }
            catch (Exception exception)
            {
                Reached.TrySetException(exception);
            }

            return Reached.Task.IsCompleted;
        }
    }
}
