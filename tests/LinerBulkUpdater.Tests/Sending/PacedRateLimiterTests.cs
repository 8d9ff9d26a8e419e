using LinerBulkUpdater.Sending;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Tests.Sending;

public sealed class PacedRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    /// <summary>
    /// Callers one after another, each as soon as the one before got through; the clock moves 1 ms at a
    /// time (and jumps where <paramref name="stall"/> says). Returns when each was let through.
    /// </summary>
    private Task<List<TimeSpan>> StartsAsync(PacedRateLimiter limiter, int callers, Func<int, TimeSpan>? stall = null, Func<int, TimeSpan>? stallWhileWaiting = null) => Task.Run(async () =>
    {
        // Run off xunit's synchronization context, so a wait that the fake clock ends finishes inline in Advance.
        var origin = _time.GetUtcNow();
        var starts = new List<TimeSpan>();
        for (var caller = 0; caller < callers; caller++)
        {
            if (stall?.Invoke(caller) is { } pause)
            {
                _time.Advance(pause);
            }

            var acquiring = limiter.AcquireAsync(1).AsTask();
            if (stallWhileWaiting?.Invoke(caller) is { } frozen && !acquiring.IsCompleted)
            {
                _time.Advance(frozen);
            }

            for (var step = 0; !acquiring.IsCompleted && step < 10_000; step++)
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
            }

            using var lease = await acquiring;
            Assert.True(lease.IsAcquired);
            starts.Add(_time.GetUtcNow() - origin);
        }

        return starts;
    });

    private static void AssertGaps(List<TimeSpan> starts, double min, double max) =>
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.InRange((pair.Second - pair.First).TotalMilliseconds, min, max));

    private static int Busiest(List<TimeSpan> starts) =>
        starts.Select((start, i) => starts.Skip(i).TakeWhile(next => next - start < TimeSpan.FromSeconds(1)).Count()).Max();

    [Fact]
    public async Task Starts_are_spaced_one_interval_apart_and_never_more_than_n_a_second()
    {
        using var limiter = new PacedRateLimiter(20, _time);

        var starts = await StartsAsync(limiter, 60);

        Assert.Equal(TimeSpan.Zero, starts[0]);
        AssertGaps(starts, 50, 51);
        Assert.Equal(20, Busiest(starts));
    }

    [Fact]
    public async Task A_late_caller_is_not_followed_by_a_burst_to_catch_up()
    {
        using var limiter = new PacedRateLimiter(20, _time);

        // Callers 10 and 30 come 800 ms late (a stalled process, a slow file).
        var starts = await StartsAsync(limiter, 60, caller => caller is 10 or 30 ? TimeSpan.FromMilliseconds(800) : TimeSpan.Zero);

        AssertGaps(starts, 50, 851);
        Assert.Equal(20, Busiest(starts));
    }

    [Fact]
    public async Task A_stall_while_callers_wait_is_caught_up_at_a_third_above_the_pace_and_n_a_second()
    {
        using var limiter = new PacedRateLimiter(20, _time);

        // While caller 10 waits for its slot the process freezes for 800 ms.
        var starts = await StartsAsync(limiter, 60, stallWhileWaiting: caller => caller == 10 ? TimeSpan.FromMilliseconds(800) : TimeSpan.Zero);

        AssertGaps(starts, 37, 851);
        Assert.Equal(20, Busiest(starts));
        // Without catching up the last would start at 2950 + 800 ms; the cap keeps it from getting all of it back.
        Assert.InRange(starts[^1].TotalMilliseconds, 3300, 3700);
    }

    [Fact]
    public async Task Small_delays_do_not_lower_the_rate()
    {
        using var limiter = new PacedRateLimiter(20, _time);

        // Each caller comes 20 ms late: within half an interval, so the schedule keeps its rhythm.
        var starts = await StartsAsync(limiter, 41, caller => caller % 2 == 1 ? TimeSpan.FromMilliseconds(20) : TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(2), starts[^1] - starts[0]);
    }

    [Fact]
    public void Attempts_do_not_jump_the_pace()
    {
        using var limiter = new PacedRateLimiter(10, _time);

        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        _time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public async Task No_limit_lets_every_caller_through_at_once()
    {
        using var limiter = new PacedRateLimiter(0, _time);

        var starts = await StartsAsync(limiter, 100);

        Assert.All(starts, start => Assert.Equal(TimeSpan.Zero, start));
    }

    [Fact]
    public async Task A_429_when_nothing_got_through_pauses_everyone_for_its_retry_after_and_keeps_the_pace()
    {
        using var limiter = new PacedRateLimiter(20, _time);
        await StartsAsync(limiter, 5);

        limiter.Throttle(TimeSpan.FromSeconds(2));
        var starts = await StartsAsync(limiter, 4);

        Assert.Equal(20, limiter.CurrentRate);
        Assert.InRange(starts[0].TotalMilliseconds, 1999, 2001);
        AssertGaps(starts, 50, 51);
    }

    [Fact]
    public async Task Even_without_a_limit_a_429_when_nothing_got_through_pauses_everyone()
    {
        using var limiter = new PacedRateLimiter(0, _time);

        limiter.Throttle(TimeSpan.FromSeconds(1));
        var starts = await StartsAsync(limiter, 3);

        Assert.All(starts, start => Assert.InRange(start.TotalMilliseconds, 999, 1001));
        Assert.Equal(0, limiter.CurrentRate);
    }

    [Fact]
    public async Task A_429_drops_the_pace_to_just_under_what_the_api_accepted()
    {
        using var limiter = new PacedRateLimiter(100, _time);

        // Offered 100 a second, the API took 10 of them.
        await StartsAsync(limiter, 100);
        for (var i = 0; i < 10; i++)
        {
            limiter.Succeeded(_time.GetTimestamp());
        }

        limiter.Throttle(TimeSpan.FromSeconds(1));

        Assert.Equal(9.9, limiter.CurrentRate, precision: 6);
        Assert.Equal(10, limiter.Ceiling);
    }

    [Fact]
    public async Task A_controller_that_asks_for_more_than_n_still_gets_no_more_than_n_a_second()
    {
        using var limiter = new PacedRateLimiter(20, new FixedRateController(1000), _time);

        var starts = await StartsAsync(limiter, 60);

        Assert.Equal(20, Busiest(starts));
    }

    [Fact]
    public async Task After_a_429_the_starts_follow_the_pace_the_controller_sets()
    {
        var controller = new FixedRateController(20);
        using var limiter = new PacedRateLimiter(20, controller, _time);
        await StartsAsync(limiter, 3);

        controller.AfterThrottle = 4;
        var now = _time.GetTimestamp();
        limiter.Throttle(TimeSpan.FromSeconds(1));
        var starts = await StartsAsync(limiter, 5);

        Assert.Equal(now + _time.TimestampFrequency, controller.PausedUntil);
        Assert.InRange(starts[0].TotalMilliseconds, 999, 1001);
        AssertGaps(starts, 250, 251);
    }

    private sealed class FixedRateController(double rate) : IRateController
    {
        public double Rate { get; private set; } = rate;

        public double? AfterThrottle { get; set; }

        public long PausedUntil { get; private set; }

        public double? Ceiling => null;

        public int Throttles => 0;

        public void Started(long now)
        {
        }

        public void Accepted(long startedAt, long now)
        {
        }

        public long Throttled(long now, long startedAt, long? retryAfter)
        {
            PausedUntil = now + (retryAfter ?? 0);
            Rate = AfterThrottle ?? Rate;
            return PausedUntil;
        }
    }
}
