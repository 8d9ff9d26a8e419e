using LinerBulkUpdater.Sending;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Tests.Sending;

/// <summary>
/// The controller on its own, fed by hand on a fake clock: which requests started when, which Liner accepted, which it
/// answered 429. Times are seconds since the test began; a request's answer comes the moment it starts unless a test
/// says otherwise. Each test names the rule of <see cref="CeilingRateController"/> it holds it to.
/// </summary>
public sealed class CeilingRateControllerTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly long _origin;
    private CeilingRateController _controller = null!;

    public CeilingRateControllerTests() => _origin = _clock.GetTimestamp();

    [Fact]
    public void A_new_controller_paces_at_the_rps_cap_and_knows_no_ceiling()
    {
        var capped = new CeilingRateController(20, _clock.TimestampFrequency);
        var unlimited = new CeilingRateController(0, _clock.TimestampFrequency);

        Assert.Equal((20.0, (double?)null, 0), (capped.Rate, capped.Ceiling, capped.Throttles));
        Assert.Equal((0.0, (double?)null, 0), (unlimited.Rate, unlimited.Ceiling, unlimited.Throttles));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CeilingRateController(-1, _clock.TimestampFrequency));
    }

    [Fact]
    public void A_429_among_many_acceptances_is_noise_and_only_the_refused_request_waits()
    {
        Begin(100);
        Accept(40, 0, 1);

        // 1 of 41 answers: under 3 %.
        Assert.Null(Refuse(startedAt: 0.99, at: 1.0));

        Assert.Equal((100.0, (double?)null, 1), (_controller.Rate, _controller.Ceiling, _controller.Throttles));
    }

    [Fact]
    public void A_429_sets_the_ceiling_to_what_Liner_accepted_in_the_second_before_and_the_pace_to_99_percent_of_it()
    {
        Begin(100);
        Accept(10, 0, 1);

        var pause = Refuse(startedAt: 0.99, at: 1.0);

        Assert.Equal((double?)10, _controller.Ceiling);
        Assert.Equal(9.9, _controller.Rate, precision: 9);
        // Everyone waits until Liner's window has room: the oldest of the second's acceptances (0.05 s) a second old.
        Assert.Equal(1.05, pause!.Value, precision: 9);
    }

    [Theory]
    [InlineData(3.0, 4.0)]
    [InlineData(null, 2.0)]
    [InlineData(0.2, 1.5)]
    public void When_half_the_answers_are_429s_everyone_also_waits_the_retry_after_or_a_second(double? retryAfter, double until)
    {
        Begin(100);
        Accept(1, 0, 1);

        var pause = Refuse(startedAt: 0.99, at: 1.0, retryAfter);

        // The window has room at 1.5 s (the one acceptance, at 0.5 s, a second old); Liner's word may be later.
        Assert.Equal(until, pause!.Value, precision: 9);
        Assert.Equal((double?)1, _controller.Ceiling);
    }

    [Theory]
    [InlineData(2.0, 3.0)]
    [InlineData(null, 2.0)]
    public void When_nothing_got_through_for_a_second_everyone_waits_and_no_ceiling_is_learnt(double? retryAfter, double until)
    {
        Begin(20);

        Assert.Equal(until, Refuse(startedAt: 0.99, at: 1.0, retryAfter)!.Value, precision: 9);
        // More 429s while everyone waits change nothing.
        Assert.Null(Refuse(startedAt: 1.4, at: 1.5));
        Assert.Null(Refuse(startedAt: 1.45, at: 1.6));

        Assert.Equal((20.0, (double?)null, 3), (_controller.Rate, _controller.Ceiling, _controller.Throttles));
    }

    [Fact]
    public void The_first_ceiling_is_held_16_s_before_its_first_probe()
    {
        FirstCeilingAtOneSecond(100);

        for (var tenth = 11; tenth <= 170; tenth++)
        {
            AcceptEveryTenth(from: tenth / 10.0, to: tenth / 10.0);
            Assert.Equal(9.9, _controller.Rate, precision: 9);
        }

        Start(17.1);

        // 1 % + 6 % × 0.1 s of growth a second, for a tenth of a second.
        Assert.Equal(9.9 * 1.0016, _controller.Rate, precision: 9);
    }

    [Fact]
    public void A_probe_grows_slowly_at_first_and_faster_the_longer_no_429_comes_but_never_past_rps()
    {
        FirstCeilingAtOneSecond(12);

        var rates = new Dictionary<int, double>();
        for (var tenth = 171; tenth <= 300; tenth++)
        {
            Start(tenth / 10.0);
            rates[tenth] = _controller.Rate;
        }

        // About 4 % in the first second, about 11 % in the next.
        Assert.InRange(rates[180], 9.9 * 1.04, 9.9 * 1.045);
        Assert.InRange(rates[190] / rates[180], 1.10, 1.12);
        Assert.Equal(12, rates[200]);
        Assert.Equal(12, rates[300]);
        Assert.Equal((double?)10, _controller.Ceiling);
    }

    [Fact]
    public void The_same_ceiling_met_again_is_held_twice_as_long_up_to_32_s()
    {
        FirstCeilingAtOneSecond(100);
        AcceptEveryTenth(from: 17.1, to: 19.9);

        // A probe runs into the same limit: 10 accepted in the second before.
        Refuse(startedAt: 19.95, at: 20.0);
        Assert.Equal(9.9, _controller.Rate, precision: 9);
        AcceptEveryTenth(from: 20.1, to: 52.0);
        Assert.Equal(9.9, _controller.Rate, precision: 9);
        Start(52.1);
        Assert.True(_controller.Rate > 9.9, "no probe 32 s after the second cut");

        AcceptEveryTenth(from: 52.2, to: 59.9);
        Refuse(startedAt: 59.95, at: 60.0);
        AcceptEveryTenth(from: 60.1, to: 92.0);
        Assert.Equal(9.9, _controller.Rate, precision: 9);
        Start(92.1);
        Assert.True(_controller.Rate > 9.9, "held longer than 32 s after the third cut");
    }

    [Fact]
    public void Answers_that_come_after_the_429_raise_the_ceiling_half_a_second_later()
    {
        Begin(100);
        Accept(8, 0, 0.8);

        // Two requests on their way when the 429 comes; Liner accepted them.
        Start(0.85);
        Start(0.95);
        Refuse(startedAt: 0.99, at: 1.0);
        Assert.Equal((double?)8, _controller.Ceiling);
        _controller.Accepted(At(0.85), At(1.0));
        _controller.Accepted(At(0.95), At(1.0));

        Start(1.4);
        Assert.Equal((double?)8, _controller.Ceiling);
        Start(1.5);
        Assert.Equal((double?)10, _controller.Ceiling);
        Assert.Equal(9.9, _controller.Rate, precision: 9);
    }

    [Fact]
    public void A_429_to_a_request_started_after_a_cut_made_while_holding_halves_the_pace_at_once()
    {
        CutWhileHoldingAtFiveSeconds();

        // Started before the cut: the old pace's, only retried.
        Assert.Null(Refuse(startedAt: 4.97, at: 5.02));
        Assert.Equal(9.9, _controller.Rate, precision: 9);

        // Started after it: even the new pace is too fast, so the limit dropped.
        var pause = Refuse(startedAt: 5.05, at: 5.1, retryAfter: 2);

        Assert.Equal(4.95, _controller.Rate, precision: 9);
        Assert.Equal(7.1, pause!.Value, precision: 9);
        Assert.Equal((double?)10, _controller.Ceiling);
    }

    [Fact]
    public void After_a_cut_made_while_not_holding_it_takes_two_429s_started_after_it_to_halve_the_pace()
    {
        FirstCeilingAtOneSecond(100);

        Assert.Null(Refuse(startedAt: 1.02, at: 1.05));
        Assert.Equal(9.9, _controller.Rate, precision: 9);

        var pause = Refuse(startedAt: 1.04, at: 1.1);

        Assert.Equal(4.95, _controller.Rate, precision: 9);
        Assert.Equal(2.1, pause!.Value, precision: 9);
    }

    [Fact]
    public void Halving_stops_at_the_slowest_pace()
    {
        CutWhileHoldingAtFiveSeconds();

        for (var i = 0; i < 10; i++)
        {
            Refuse(startedAt: 5.05 + (i * 0.1), at: 5.1 + (i * 0.1));
        }

        Assert.Equal(CeilingRateController.MinRate, _controller.Rate);
    }

    [Fact]
    public void A_ceiling_far_below_the_minutes_highest_is_held_2_s_and_probed_three_times_as_fast()
    {
        FirstCeilingAtOneSecond(100);

        // Liner's limit dropped to 4 a second.
        Accept(4, 3.0, 3.8);
        Refuse(startedAt: 3.95, at: 4.0);
        Assert.Equal((double?)4, _controller.Ceiling);
        for (var tenth = 41; tenth <= 60; tenth++)
        {
            Start(tenth / 10.0);
            Assert.Equal(3.96, _controller.Rate, precision: 9);
        }

        Start(6.1);

        Assert.Equal(3.96 * (1 + (3 * 0.0016)), _controller.Rate, precision: 9);
    }

    [Fact]
    public void The_same_ceiling_far_below_met_again_is_held_5_s()
    {
        FirstCeilingAtOneSecond(100);
        Accept(4, 3.0, 3.8);
        Refuse(startedAt: 3.95, at: 4.0);

        // Probed after 2 s, into the same low limit.
        AcceptEveryQuarter(from: 4.25, to: 6.75);
        Refuse(startedAt: 6.9, at: 6.95);
        Assert.Equal((double?)4, _controller.Ceiling);
        for (var quarter = 28; quarter <= 47; quarter++)
        {
            Start(quarter / 4.0);
            Assert.Equal(3.96, _controller.Rate, precision: 9);
        }

        Start(12.1);
        Assert.True(_controller.Rate > 3.96, "held longer than 5 s");
    }

    [Fact]
    public void Grown_back_to_the_minutes_highest_ceiling_the_pace_holds_there_without_a_429()
    {
        FirstCeilingAtOneSecond(100);
        Accept(4, 3.0, 3.8);
        Refuse(startedAt: 3.95, at: 4.0);

        // The limit is back at 10: the pace grows from 3.96 after the 2 s hold, and stops at 99 % of 10.
        var backAt = 4.0;
        var rates = new List<double>();
        while (_controller.Rate < 9.9 - 1e-9 && backAt < 15)
        {
            backAt += 0.1;
            Start(backAt);
            rates.Add(_controller.Rate);
        }

        Assert.InRange(backAt, 7, 12);
        Assert.Equal(9.9, _controller.Rate, precision: 9);
        Assert.Equal((double?)10, _controller.Ceiling);
        Assert.True(rates.Zip(rates.Skip(1)).All(pair => pair.Second >= pair.First), "the pace fell on its way back");

        // Held as long as the ceiling was before the drop (16 s), then probed.
        for (var tenth = (int)Math.Round(backAt * 10) + 1; tenth <= (int)Math.Round((backAt + 15.9) * 10); tenth++)
        {
            Start(tenth / 10.0);
            Assert.Equal(9.9, _controller.Rate, precision: 9);
        }

        Start(backAt + 16.2);
        Assert.True(_controller.Rate > 9.9, "never probed past the old high");
    }

    [Fact]
    public void While_someone_else_uses_the_key_a_cut_below_the_highest_ceiling_yields_a_quarter_and_one_at_it_does_not()
    {
        FirstCeilingAtOneSecond(100);
        Assert.Null(_controller.SharedOutside(At(1.0)));

        // Squeezed while holding: another's requests took a place of the 10 this run held.
        Accept(9, 4.0, 4.95);
        Refuse(startedAt: 4.96, at: 5.0);
        Assert.Equal(9 * 0.99 * 0.75, _controller.Rate, precision: 9);
        Assert.Null(_controller.SharedOutside(At(5.0)));

        // Later, while growing: the other run still has part of the window, so this run yields again.
        Accept(8, 8.0, 8.95);
        Refuse(startedAt: 8.96, at: 9.0);
        Assert.Equal(8 * 0.99 * 0.75, _controller.Rate, precision: 9);

        // Two signs 4 s apart, 8 of this run's requests accepted between them, of a limit of 10 a second: a fifth of it.
        Assert.Equal(new KeyUseOutside(4, 0.2, Now: true), _controller.SharedOutside(At(9.0)));

        // The whole window again: nobody else left, no yield.
        Accept(10, 12.0, 12.95);
        Refuse(startedAt: 12.96, at: 13.0);
        Assert.Equal(9.9, _controller.Rate, precision: 9);
        Assert.Equal((double?)10, _controller.Ceiling);

        // No sign at the highest ceiling; a minute after the squeeze, with none since, the key is taken to be this run's
        // alone again.
        Assert.Equal(new KeyUseOutside(4, 0.2, Now: true), _controller.SharedOutside(At(64.9)));
        Assert.Equal(new KeyUseOutside(4, 0.2, Now: false), _controller.SharedOutside(At(65.1)));
    }

    [Theory]
    [InlineData(true, 3 * 0.99)]
    [InlineData(false, 3 * 0.99 * 0.75)]
    public void A_full_window_at_the_start_is_someone_elses_only_if_none_of_the_runs_first_requests_were_accepted(bool ownAnsweredLate, double rateAfterSecondCut)
    {
        Begin(100);
        for (var i = 0; i < 10; i++)
        {
            Start(i * 0.01);
        }

        // A 429 comes back before any 200: Liner refused quickly, and answers what it accepted more slowly.
        Refuse(startedAt: 0.05, at: 0.1);
        if (ownAnsweredLate)
        {
            for (var i = 0; i < 5; i++)
            {
                _controller.Accepted(At(i * 0.01), Now(0.3 + (i * 0.01)));
            }
        }

        Start(1.1);
        Accept(5, 1.1, 1.9);
        Refuse(startedAt: 1.95, at: 2.0);
        Assert.Equal((double?)5, _controller.Ceiling);

        // A lower ceiling: while shared, a cut below the highest gives up a quarter; alone, it does not.
        Accept(3, 4.0, 4.9);
        Refuse(startedAt: 4.95, at: 5.0);
        Assert.Equal(rateAfterSecondCut, _controller.Rate, precision: 9);
    }

    [Fact]
    public void The_window_has_room_a_second_after_its_oldest_acceptance_was_answered_not_after_it_started()
    {
        Begin(100);

        // Ten requests 10 ms apart, each answered 100 ms after it started (the way to Liner and back, or a connection made).
        _controller.Started(Now(0.0));
        for (var i = 1; i < 10; i++)
        {
            _controller.Started(Now(i * 0.01));
        }

        _controller.Accepted(At(0.0), Now(0.1));
        for (var i = 1; i < 10; i++)
        {
            _controller.Accepted(At(i * 0.01), At((i * 0.01) + 0.1));
        }

        var pause = Refuse(startedAt: 0.12, at: 0.2);

        Assert.Equal((double?)10, _controller.Ceiling);
        Assert.Equal(1.1, pause!.Value, precision: 9);
    }

    [Theory]
    [InlineData(true, 100.0, null)]
    [InlineData(false, 29.7, 30.0)]
    public void A_cut_after_which_the_share_of_429s_did_not_fall_is_taken_back(bool still429s, double rate, double? ceiling)
    {
        Begin(100);
        Accept(30, 0, 1);
        Refuse(startedAt: 0.99, at: 1.0);
        Assert.Equal(29.7, _controller.Rate, precision: 9);

        Accept(40, 1.0, 2.0);
        Accept(20, 2.0, 2.5);
        if (still429s)
        {
            // 1 of 41: too few for a cut of its own, but no fewer than half the share that made the first.
            Assert.Null(Refuse(startedAt: 2.49, at: 2.5));
        }

        Accept(20, 2.5, 3.0);
        Start(3.0);

        Assert.Equal(rate, _controller.Rate, precision: 9);
        Assert.Equal(ceiling, _controller.Ceiling);
    }

    [Fact]
    public void The_share_of_429s_a_cut_proved_to_be_noise_is_noise_from_then_on()
    {
        Begin(100);
        Accept(30, 0, 1);
        Refuse(startedAt: 0.99, at: 1.0);
        Accept(40, 1.0, 2.0);
        Accept(20, 2.0, 2.5);
        Refuse(startedAt: 2.49, at: 2.5);
        Accept(20, 2.5, 3.0);
        Start(3.0);
        Accept(24, 3.0, 4.0);

        // 1 of 25 is past 3 %, but not past twice the noise floor (1 of 41).
        Assert.Null(Refuse(startedAt: 3.99, at: 4.0));

        Assert.Equal((100.0, (double?)null), (_controller.Rate, _controller.Ceiling));
    }

    [Fact]
    public void Without_rps_a_probe_past_four_times_the_ceiling_takes_the_limit_to_be_gone()
    {
        FirstCeilingAtOneSecond(0);
        Assert.Equal(9.9, _controller.Rate, precision: 9);

        for (var tenth = 171; tenth <= 200; tenth++)
        {
            Start(tenth / 10.0);
        }

        Assert.InRange(_controller.Rate, 10, 40);
        Assert.Equal((double?)10, _controller.Ceiling);
        for (var tenth = 201; tenth <= 300; tenth++)
        {
            Start(tenth / 10.0);
        }

        Assert.Equal((0.0, (double?)null), (_controller.Rate, _controller.Ceiling));
    }

    private void Begin(int rps) => _controller = new CeilingRateController(rps, _clock.TimestampFrequency);

    /// <summary>Liner took 10 requests in the first second, then refused one: the first ceiling, 10, cut at 1 s.</summary>
    private void FirstCeilingAtOneSecond(int rps)
    {
        Begin(rps);
        Accept(10, 0, 1);
        Refuse(startedAt: 0.99, at: 1.0);
        Assert.Equal((double?)10, _controller.Ceiling);
    }

    /// <summary>The first ceiling, then a 429 at 5 s while the pace holds under it (a request started at 4.97 still on its way).</summary>
    private void CutWhileHoldingAtFiveSeconds()
    {
        FirstCeilingAtOneSecond(100);
        AcceptEveryTenth(from: 1.1, to: 4.9);
        Start(4.97);
        Refuse(startedAt: 4.95, at: 5.0);
        Assert.Equal(9.9, _controller.Rate, precision: 9);
    }

    /// <summary><paramref name="count"/> requests started evenly over <paramref name="from"/>..<paramref name="to"/>, each accepted as it starts.</summary>
    private void Accept(int count, double from, double to)
    {
        for (var i = 0; i < count; i++)
        {
            var now = Now(from + ((i + 0.5) * (to - from) / count));
            _controller.Started(now);
            _controller.Accepted(now, now);
        }
    }

    private void AcceptEveryQuarter(double from, double to)
    {
        for (var quarter = (int)Math.Round(from * 4); quarter <= (int)Math.Round(to * 4); quarter++)
        {
            var now = Now(quarter / 4.0);
            _controller.Started(now);
            _controller.Accepted(now, now);
        }
    }

    private void AcceptEveryTenth(double from, double to)
    {
        for (var tenth = (int)Math.Round(from * 10); tenth <= (int)Math.Round(to * 10); tenth++)
        {
            var now = Now(tenth / 10.0);
            _controller.Started(now);
            _controller.Accepted(now, now);
        }
    }

    private void Start(double seconds) => _controller.Started(Now(seconds));

    /// <summary>Liner answers 429 at <paramref name="at"/> to the request started at <paramref name="startedAt"/>.</summary>
    /// <returns>Until when nobody may start (seconds since the test began); null when only the refused request waits.</returns>
    private double? Refuse(double startedAt, double at, double? retryAfter = null)
    {
        var now = Now(at);
        var until = _controller.Throttled(now, At(startedAt), retryAfter is { } wait ? (long)(wait * _clock.TimestampFrequency) : null);
        return until > now ? (double)(until - _origin) / _clock.TimestampFrequency : null;
    }

    /// <summary>The timestamp <paramref name="seconds"/> after the test began.</summary>
    private long At(double seconds) => _origin + (long)Math.Round(seconds * _clock.TimestampFrequency);

    /// <summary>Moves the clock on to <paramref name="seconds"/> after the test began; the timestamp then.</summary>
    private long Now(double seconds)
    {
        var target = At(seconds);
        Assert.True(target >= _clock.GetTimestamp(), $"the test went back in time, to {seconds} s");

        // FakeTimeProvider's timestamps are TimeSpan ticks.
        _clock.Advance(TimeSpan.FromTicks(target - _clock.GetTimestamp()));
        return _clock.GetTimestamp();
    }
}
