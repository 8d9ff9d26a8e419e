using LinerBulkUpdater.Sending;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Tests.Sending;

public sealed class StartScheduleTests
{
    private readonly FakeTimeProvider _time = new();

    private long Now => _time.GetTimestamp();

    private long Second => _time.TimestampFrequency;

    private StartSchedule Schedule(int startsPerSecond) => new(startsPerSecond, Now, Second);

    private long Ms(double milliseconds) => (long)(milliseconds * Second / 1000);

    /// <summary>
    /// Callers one after another, each as soon as the one before started, each at the earliest time the
    /// schedule gives (the clock frozen a while longer where <paramref name="stallWhileWaiting"/> says).
    /// </summary>
    private List<long> Starts(StartSchedule schedule, int callers, Func<int, double>? stallWhileWaiting = null)
    {
        var starts = new List<long>();
        for (var caller = 0; caller < callers; caller++)
        {
            var wait = schedule.EarliestStart() - Now;
            var waited = wait > 0;
            if (waited)
            {
                _time.Advance(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Second));
                _time.Advance(TimeSpan.FromMilliseconds(stallWhileWaiting?.Invoke(caller) ?? 0));
            }

            schedule.Record(Now, 1, waited);
            starts.Add(Now);
        }

        return starts;
    }

    private static List<long> Gaps(List<long> starts) => [.. starts.Zip(starts.Skip(1), (first, second) => second - first)];

    private int Busiest(List<long> starts) =>
        starts.Select((start, i) => starts.Skip(i).TakeWhile(next => next - start < Second).Count()).Max();

    [Fact]
    public void Starts_are_one_interval_of_the_pace_apart()
    {
        var schedule = Schedule(20);

        var starts = Starts(schedule, 41);

        Assert.All(Gaps(starts), gap => Assert.Equal(Ms(50), gap));
    }

    [Fact]
    public void After_a_stall_the_starts_catch_up_at_no_more_than_a_third_above_the_pace()
    {
        var schedule = Schedule(20);

        var starts = Starts(schedule, 80, stallWhileWaiting: caller => caller == 10 ? 800 : 0);

        Assert.All(Gaps(starts), gap => Assert.True(gap >= Ms(37.5), $"{gap} ticks"));
        Assert.Contains(Gaps(starts), gap => gap < Ms(50));
    }

    [Fact]
    public void After_a_stall_no_more_than_n_start_in_any_second()
    {
        var schedule = Schedule(20);

        var starts = Starts(schedule, 80, stallWhileWaiting: caller => caller is 10 or 40 ? 800 : 0);

        Assert.Equal(20, Busiest(starts));
    }

    [Fact]
    public void A_pace_above_n_still_starts_no_more_than_n_in_any_second()
    {
        var schedule = Schedule(20);
        schedule.SetPace(1000);

        var starts = Starts(schedule, 100);

        // Five bursts of 20 a millisecond apart, each a second after the one before.
        Assert.Equal(20, Busiest(starts));
        Assert.Equal((4 * Second) + Ms(19), starts[^1] - starts[0]);
    }

    [Fact]
    public void Idle_time_is_no_credit()
    {
        var schedule = Schedule(20);
        Starts(schedule, 5);

        // Nobody came for 3 s: the next caller's own start is the schedule now, not slot 6 of 60 missed.
        _time.Advance(TimeSpan.FromSeconds(3));
        var starts = Starts(schedule, 21);

        Assert.All(Gaps(starts), gap => Assert.Equal(Ms(50), gap));
    }

    [Fact]
    public void A_slower_pace_spaces_the_starts_further_apart()
    {
        var schedule = Schedule(20);
        Starts(schedule, 3);

        schedule.SetPace(10);
        var starts = Starts(schedule, 10);

        Assert.All(Gaps(starts), gap => Assert.Equal(Ms(100), gap));
    }

    [Fact]
    public void A_start_of_several_permits_takes_as_many_slots()
    {
        var schedule = Schedule(4);

        schedule.Record(Now, 3, waited: false);

        Assert.Equal(Now + Ms(750), schedule.EarliestStart());
    }

    [Fact]
    public void Nothing_starts_before_a_pause_is_over_and_nothing_is_caught_up_after_it()
    {
        var schedule = Schedule(20);
        Starts(schedule, 5);

        var until = Now + (2 * Second);
        schedule.PauseUntil(until);
        var starts = Starts(schedule, 10);

        Assert.Equal(until, starts[0]);
        Assert.All(Gaps(starts), gap => Assert.Equal(Ms(50), gap));
    }

    [Fact]
    public void A_shorter_pause_does_not_end_a_longer_one()
    {
        var schedule = Schedule(20);

        schedule.PauseUntil(Now + (3 * Second));
        schedule.PauseUntil(Now + Second);

        Assert.Equal(Now + (3 * Second), schedule.PausedUntil);
        Assert.Equal(Now + (3 * Second), schedule.EarliestStart());
    }

    [Fact]
    public void Without_a_limit_only_a_pause_holds_starts_back()
    {
        var schedule = Schedule(0);

        var starts = Starts(schedule, 100);
        schedule.PauseUntil(Now + Second);

        Assert.True(schedule.Unlimited);
        Assert.All(starts, start => Assert.Equal(starts[0], start));
        Assert.Equal(Now + Second, schedule.EarliestStart());
    }
}
