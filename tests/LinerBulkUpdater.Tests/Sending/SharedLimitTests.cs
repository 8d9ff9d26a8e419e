using LinerBulkUpdater.Sandbox;
using Xunit.Abstractions;

namespace LinerBulkUpdater.Tests.Sending;

/// <summary>
/// Runs on one key against a limit of 20 accepted requests in any second that none was told of (<c>--rps 100</c>), on
/// the simulation's stepped clock (<see cref="SharedLimitSimulation"/>): how they split it, and how fast the one left
/// takes the whole of it. The ideal for two runs of 600 rows is 60 s.
/// </summary>
public sealed class SharedLimitTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_runs_on_one_machine_split_the_limit_evenly_from_the_start_and_the_one_left_takes_all_of_it_at_once()
    {
        var simulation = new SharedLimitSimulation(_ => 20, coordinateLocally: true);
        var first = simulation.Add(600, startsAt: 0);
        var second = simulation.Add(600, startsAt: 10);

        simulation.RunFor(200);
        Show(simulation);

        var bothUntil = first.FinishedAt!.Value;
        // From the second's first second on: even shares, give or take a request a second.
        for (var at = 11.0; at + 2 <= bothUntil; at += 2)
        {
            Assert.InRange(second.AcceptedBetween(at, at + 2), 16, 24);
        }

        Assert.InRange(second.AcceptedBetween(bothUntil + 1, bothUntil + 3), 38, 40);
        Assert.True(second.FinishedAt <= 60 * 1.05, $"done at {second.FinishedAt:0.0} s");
        Assert.True(first.Refused + second.Refused <= 1200 * 0.01, $"{first.Refused + second.Refused} 429s");
        Assert.Equal(2, second.Limiter.Sharing.Sharing.MostRuns);
        Assert.InRange(second.Limiter.Sharing.Sharing.Share, 0.49, 0.51);
    }

    [Fact]
    public void Two_runs_on_two_machines_reach_a_40_60_split_within_60_s_through_Liners_answers_alone()
    {
        var simulation = new SharedLimitSimulation(_ => 20, coordinateLocally: false);
        var first = simulation.Add(600, startsAt: 0);
        var second = simulation.Add(600, startsAt: 10);

        simulation.RunFor(200);
        Show(simulation);

        var bothUntil = first.FinishedAt!.Value;
        var split = Enumerable.Range(0, 50).Select(step => 10.0 + step)
            .FirstOrDefault(at => at + 5 <= bothUntil && Share(second, first, at, at + 5) is >= 0.4 and <= 0.6, double.NaN);
        Assert.True(split <= 60, $"no 5 s at 40/60 or better before {bothUntil:0.0} s");
        Assert.True(Share(second, first, 10, bothUntil) >= 0.2, $"the second's share while both ran: {Share(second, first, 10, bothUntil):P0}");
        Assert.True(second.FinishedAt <= 60 * 1.3, $"done at {second.FinishedAt:0.0} s");
        Assert.True(first.Refused + second.Refused <= 1200 * 0.05, $"{first.Refused + second.Refused} 429s");
    }

    [Theory]
    [InlineData("20", 300, 15.0)]
    [InlineData("10, 4@10, 10@20", 300, 35.0)]
    [InlineData("20, 5@30, 20@90", 1000, 95.0)]
    public void A_run_alone_finds_the_limit_and_a_freed_one_within_10_percent_of_the_best_time(string schedule, int rows, double best)
    {
        var steps = SlidingWindowLimit.Parse(schedule, out _)!;
        var simulation = new SharedLimitSimulation(at => steps.Last(step => step.From <= at).Limit, coordinateLocally: false);
        var run = simulation.Add(rows, startsAt: 0);

        simulation.RunFor(300);
        Show(simulation);

        Assert.True(run.FinishedAt <= best * 1.10, $"done at {run.FinishedAt:0.0} s");
        Assert.True(run.Refused <= rows * 0.03, $"{run.Refused} 429s");
    }

    private static double Share(SharedLimitSimulation.SimulatedRun run, SharedLimitSimulation.SimulatedRun other, double from, double to) =>
        run.AcceptedBetween(from, to) / (double)Math.Max(1, run.AcceptedBetween(from, to) + other.AcceptedBetween(from, to));

    private void Show(SharedLimitSimulation simulation)
    {
        for (var at = 0; at < (int)simulation.Now; at += 5)
        {
            output.WriteLine($"{at,4}: " + string.Join(" ", simulation.Runs.Select(run => $"{run.AcceptedBetween(at, at + 5) / 5.0,5:0.0}")));
        }

        output.WriteLine("done " + string.Join(" ", simulation.Runs.Select(run => $"{run.FinishedAt:0.0} s ({run.Refused} 429s)")));
    }
}
