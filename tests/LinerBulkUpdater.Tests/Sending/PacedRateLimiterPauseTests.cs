using LinerBulkUpdater.Sending;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Tests.Sending;

/// <summary>Whatever pause a 429 asks for, the limiter neither overflows a timestamp or a timer nor waits past its longest pause.</summary>
public sealed class PacedRateLimiterPauseTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    private readonly FakeTimeProvider _time = new();

    public static TheoryData<int, double> HugePauses()
    {
        var data = new TheoryData<int, double>();
        foreach (var rps in new[] { 0, 20 })
        {
            foreach (var seconds in new[] { 3601, 999_999_999, 1e15, TimeSpan.MaxValue.TotalSeconds })
            {
                data.Add(rps, seconds);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HugePauses))]
    public Task A_pause_longer_than_any_timer_can_count_ends_after_the_longest_pause(int rps, double seconds) => Task.Run(async () =>
    {
        using var limiter = new PacedRateLimiter(rps, _time);
        limiter.Throttle(seconds >= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds));

        var acquiring = limiter.AcquireAsync(1).AsTask();
        _time.Advance(PacedRateLimiter.LongestPause - Millisecond);
        Assert.False(acquiring.IsCompleted, "started before the longest pause was over");
        Assert.True(limiter.IsPaused);
        _time.Advance(Millisecond * 2);

        // Real time only as a safety net: the fake clock has already let it through.
        using var lease = await acquiring.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(lease.IsAcquired);
        Assert.False(limiter.IsPaused);
    });

    [Fact]
    public void The_longest_pause_is_the_most_sending_max_delay_seconds_may_be()
    {
        Assert.Equal(TimeSpan.FromSeconds(SendingOptions.LongestDelaySeconds), PacedRateLimiter.LongestPause);
        Assert.Equal(TimeSpan.FromHours(1), PacedRateLimiter.LongestPause);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    public void A_negative_pause_pauses_nobody(int rps)
    {
        using var limiter = new PacedRateLimiter(rps, _time);

        limiter.Throttle(TimeSpan.FromSeconds(-5));
        limiter.Throttle(TimeSpan.MinValue);

        Assert.False(limiter.IsPaused);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
    }
}
