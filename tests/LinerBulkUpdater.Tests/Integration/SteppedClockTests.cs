using System.Collections.Concurrent;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>The stepped clock itself: a test on it must end, with every timer fired in order at its own instant.</summary>
public sealed class SteppedClockTests
{
    /// <summary>Timers made at once, each due after its span; returns each span with the simulated time it fired at.</summary>
    private static async Task<List<(TimeSpan Due, TimeSpan At)>> FireAsync(params TimeSpan[] spans)
    {
        await using var clock = new SteppedClock();
        var start = clock.Run.GetUtcNow();
        var fired = new ConcurrentQueue<(TimeSpan, TimeSpan)>();
        var timers = new List<ITimer>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var span in spans)
        {
            // The time is read in the callback, which the clock runs as it reaches the timer, before it moves on.
            timers.Add(clock.Run.CreateTimer(
                _ =>
                {
                    fired.Enqueue((span, clock.Run.GetUtcNow() - start));
                    if (fired.Count == spans.Length)
                    {
                        all.TrySetResult();
                    }
                },
                null,
                span,
                Timeout.InfiniteTimeSpan));
        }

        await all.Task.WaitAsync(TimeSpan.FromSeconds(10));
        timers.ForEach(timer => timer.Dispose());
        return [.. fired];
    }

    [Fact]
    public async Task A_timer_due_at_a_fraction_of_a_millisecond_fires_at_its_exact_tick()
    {
        // FakeTimeProvider wakes a timer at its exact tick: a clock that took 1.5 ms for 1 ms stood at 1 ms for ever.
        var fired = await FireAsync(TimeSpan.FromTicks(15_000));

        Assert.Equal([(TimeSpan.FromTicks(15_000), TimeSpan.FromTicks(15_000))], fired);
    }

    [Fact]
    public async Task Timers_fire_in_order_each_at_its_own_instant()
    {
        var fired = await FireAsync(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(40), TimeSpan.FromSeconds(1), TimeSpan.FromTicks(400_001));

        Assert.Equal([.. new[] { 40.0, 40.0001, 250, 1000 }.Select(ms => (TimeSpan.FromMilliseconds(ms), TimeSpan.FromMilliseconds(ms)))], fired);
    }
}
