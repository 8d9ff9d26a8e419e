using LinerBulkUpdater.Sending;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Tests.Sending;

public sealed class AimdRateControllerTests
{
    private readonly FakeTimeProvider _time = new();

    private long Now => _time.GetTimestamp();

    private AimdRateController Controller(int requestsPerSecond) => new(requestsPerSecond, _time.TimestampFrequency);

    private long In(double seconds) => Now + (long)(seconds * _time.TimestampFrequency);

    private void Accept(AimdRateController controller, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            controller.Accepted(Now);
        }
    }

    private void Wait(double seconds) => _time.Advance(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void The_pace_starts_at_n()
    {
        var controller = Controller(20);

        controller.Started(Now);

        Assert.Equal(20, controller.Rate);
    }

    [Fact]
    public void A_429_drops_the_pace_to_nine_tenths_of_what_was_accepted()
    {
        var controller = Controller(100);
        Accept(controller, 10);

        controller.Throttled(Now, In(1));

        Assert.Equal(9, controller.Rate, precision: 6);
    }

    [Fact]
    public void A_429_before_anything_was_accepted_halves_the_pace()
    {
        var controller = Controller(100);

        controller.Throttled(Now, In(1));

        Assert.Equal(50, controller.Rate);
    }

    [Fact]
    public void What_was_accepted_is_the_last_whole_second_when_this_one_has_less()
    {
        var controller = Controller(100);
        Accept(controller, 30);
        Wait(1);
        Accept(controller, 5);

        controller.Throttled(Now, In(1));

        Assert.Equal(27, controller.Rate, precision: 6);
    }

    [Fact]
    public void Acceptances_before_the_last_second_do_not_count()
    {
        var controller = Controller(100);
        Accept(controller, 30);
        Wait(2);

        controller.Throttled(Now, In(1));

        Assert.Equal(50, controller.Rate);
    }

    [Fact]
    public void A_429_drops_the_pace_to_nine_tenths_of_itself_when_more_was_accepted_than_offered()
    {
        var controller = Controller(10);
        Accept(controller, 50);

        controller.Throttled(Now, In(1));

        Assert.Equal(9, controller.Rate, precision: 6);
    }

    [Fact]
    public void More_429s_during_the_pause_and_the_second_after_it_do_not_drop_the_pace_again()
    {
        var controller = Controller(100);
        controller.Throttled(Now, In(2));

        Wait(1);
        controller.Throttled(Now, In(1));
        Wait(1.9);
        controller.Throttled(Now, In(1));
        Assert.Equal(50, controller.Rate);

        // The pause ended at 2 s and the second after it is over: this 429 is for a new excess.
        Wait(0.1);
        controller.Throttled(Now, In(1));
        Assert.Equal(25, controller.Rate);
    }

    [Fact]
    public void The_pace_climbs_five_percent_a_second_while_no_429_comes()
    {
        var controller = Controller(100);
        controller.Throttled(Now, Now);

        Wait(1);
        controller.Started(Now);
        Assert.Equal(52.5, controller.Rate, precision: 6);

        Wait(1);
        controller.Started(Now);
        Assert.Equal(55.125, controller.Rate, precision: 6);
    }

    [Fact]
    public void The_pace_climbs_at_least_half_a_request_a_second()
    {
        var controller = Controller(20);
        Accept(controller, 1);
        controller.Throttled(Now, Now);
        Assert.Equal(0.9, controller.Rate, precision: 6);

        Wait(1);
        controller.Started(Now);

        Assert.Equal(1.4, controller.Rate, precision: 6);
    }

    [Fact]
    public void The_climb_starts_when_the_pause_is_over()
    {
        var controller = Controller(100);
        controller.Throttled(Now, In(5));

        Wait(5.5);
        controller.Started(Now);
        Assert.Equal(50, controller.Rate);

        Wait(0.5);
        controller.Started(Now);
        Assert.Equal(52.5, controller.Rate, precision: 6);
    }

    [Fact]
    public void The_pace_climbs_back_to_n_and_no_higher()
    {
        var controller = Controller(100);
        controller.Throttled(Now, Now);

        for (var second = 0; second < 30; second++)
        {
            Wait(1);
            controller.Started(Now);
            Assert.InRange(controller.Rate, 50, 100);
        }

        Assert.Equal(100, controller.Rate);
    }

    [Fact]
    public void Repeated_429s_never_drop_the_pace_below_a_tenth_of_a_request_a_second()
    {
        var controller = Controller(100);

        for (var i = 0; i < 20; i++)
        {
            controller.Throttled(Now, Now);
            Wait(1);
        }

        Assert.Equal(AimdRateController.MinRate, controller.Rate);
        Assert.Equal(0.1, AimdRateController.MinRate);
    }

    [Fact]
    public void Without_a_limit_there_is_no_pace_to_drop()
    {
        var controller = Controller(0);
        Accept(controller, 10);

        controller.Throttled(Now, In(1));
        Wait(2);
        controller.Started(Now);

        Assert.Equal(0, controller.Rate);
    }
}
