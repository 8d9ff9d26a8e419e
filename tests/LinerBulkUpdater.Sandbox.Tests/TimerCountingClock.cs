using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary>
/// A fake clock that counts the timers set on it. In the sandbox each is a request waiting out a stall or
/// the latency, so a test can wait until a request has reached the sandbox instead of sleeping and hoping:
/// on a loaded machine (a build beside the tests) a request can take longer than any fixed sleep to arrive.
/// </summary>
internal sealed class TimerCountingClock : FakeTimeProvider
{
    private int _timers;

    public int Timers => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timers);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Returns once <paramref name="count"/> timers have been set: polls, with a deadline.</summary>
    public async Task TimersSetAsync(int count)
    {
        for (var waited = Stopwatch.StartNew(); Timers < count; await Task.Delay(20))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"{Timers} of {count} timers were set");
            }
        }
    }
}
