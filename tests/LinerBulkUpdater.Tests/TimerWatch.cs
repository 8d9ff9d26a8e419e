namespace LinerBulkUpdater.Tests;

/// <summary>
/// A clock (the system's or a fake) that tells the test when something starts waiting on it: the sandbox
/// holding a request in its latency or a stall, a sender in its back-off or its attempt's time limit.
/// "Nothing has happened yet" is then a fact to check — the timer that would make it happen is armed and has
/// not fired — rather than a real-time sleep that is hoped to be long enough.
/// </summary>
internal sealed class TimerWatch(TimeProvider inner) : TimeProvider
{
    /// <summary>How long a test waits in real time for a wait to begin that should begin in milliseconds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly List<WatchedTimer> _armed = [];
    private readonly List<(Func<TimeSpan, bool> Which, TaskCompletionSource<WatchedTimer> Found)> _awaited = [];

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(dueTime);
        // A fake clock fires a timer inside Advance: after Advance returns, HasFired says whether it did.
        timer.Attach(inner.CreateTimer(
            static state =>
            {
                var (timer, callback, inner) = ((WatchedTimer, TimerCallback, object?))state!;
                timer.HasFired = true;
                callback(inner);
            },
            (timer, callback, state),
            dueTime,
            period));
        Armed(timer);
        return timer;
    }

    /// <summary>
    /// The first timer armed for <paramref name="due"/> (to the millisecond) that has neither fired nor been disposed,
    /// whether it was armed before this call or is armed after it.
    /// </summary>
    public Task<WatchedTimer> ArmedAsync(TimeSpan due) =>
        ArmedAsync(armed => (armed - due).Duration() < TimeSpan.FromMilliseconds(1), $"a wait of {due}");

    private async Task<WatchedTimer> ArmedAsync(Func<TimeSpan, bool> which, string what)
    {
        var found = new TaskCompletionSource<WatchedTimer>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_armed.FirstOrDefault(timer => !timer.HasFired && !timer.IsDisposed && which(timer.Due)) is { } timer)
            {
                return timer;
            }

            _awaited.Add((which, found));
        }

        try
        {
            return await found.Task.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what} never began; timers armed: {string.Join(", ", Snapshot())}");
        }
    }

    private void Armed(WatchedTimer timer)
    {
        List<TaskCompletionSource<WatchedTimer>> matched;
        lock (_lock)
        {
            _armed.RemoveAll(old => old.HasFired || old.IsDisposed);
            _armed.Add(timer);
            matched = _awaited.Where(awaited => awaited.Which(timer.Due)).Select(awaited => awaited.Found).ToList();
            _awaited.RemoveAll(awaited => matched.Contains(awaited.Found));
        }

        matched.ForEach(found => found.TrySetResult(timer));
    }

    private List<TimeSpan> Snapshot()
    {
        lock (_lock)
        {
            return _armed.Select(timer => timer.Due).ToList();
        }
    }

    /// <summary>One timer made on the watched clock: the wait it was armed for, and whether it has fired.</summary>
    internal sealed class WatchedTimer(TimeSpan due) : ITimer
    {
        private ITimer? _inner;
        private volatile bool _hasFired;
        private volatile bool _isDisposed;

        /// <summary>The wait it was made for (a later Change is not followed: the waits watched here are one-shot).</summary>
        public TimeSpan Due => due;

        public bool HasFired
        {
            get => _hasFired;
            set => _hasFired = value;
        }

        public bool IsDisposed => _isDisposed;

        public void Attach(ITimer inner) => _inner = inner;

        public bool Change(TimeSpan dueTime, TimeSpan period) => _inner!.Change(dueTime, period);

        public void Dispose()
        {
            _isDisposed = true;
            _inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
