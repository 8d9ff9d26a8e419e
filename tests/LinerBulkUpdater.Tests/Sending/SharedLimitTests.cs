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

    private void Show(SharedLimitSimulation simulation)
    {
        for (var at = 0; at < (int)simulation.Now; at += 5)
        {
            output.WriteLine($"{at,4}: " + string.Join(" ", simulation.Runs.Select(run => $"{run.AcceptedBetween(at, at + 5) / 5.0,5:0.0}")));
        }

        output.WriteLine("done " + string.Join(" ", simulation.Runs.Select(run => $"{run.FinishedAt:0.0} s ({run.Refused} 429s)")));
    }
}
