using System.Text;
using System.Text.Json;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;
using Xunit.Abstractions;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>
/// Two real runs on one key against one sandbox whose limit is 20 accepted requests in any second, neither told of it
/// (<c>--rps 100</c>), the second started 10 s after the first, on one stepped clock: as two runs on one machine (their
/// pace files in the real lock folder), and as if on two (<c>Sending__CoordinateLocally=false</c>). 600 rows each: at
/// best 60 s together.
/// </summary>
[LongRunning]
public sealed class SharedKeyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true, 1.15, 0.30, 0.03)]
    [InlineData(false, 1.30, 0.20, 0.05)]
    public async Task Two_runs_on_one_key_split_its_limit_and_finish_near_the_best_time(bool coordinate, double slowest, double smallestShare, double most429s)
    {
        using var folder = new TempFolder();
        await using var clock = new SteppedClock();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 20, Faults = { RateLimitSchedule = "20" } }, clock.Sandbox);
        var environment = CliRun.Against(sandbox.BaseUrl);
        environment["Sending__CoordinateLocally"] = coordinate ? "true" : "false";
        var first = folder.WriteLeads(600, "first.csv");
        var second = Leads(folder, "second.csv", from: 100_001, count: 600);
        var firstJson = Path.Combine(folder.Path, "first.json");
        var secondJson = Path.Combine(folder.Path, "second.json");

        var firstRun = CliRun.RunAsync(folder, environment, clock.Run, "run", first, "--rps", "100", "--concurrency", "8", "--summary-json", firstJson);
        await Task.Delay(TimeSpan.FromSeconds(10), clock.Run);
        var secondRun = CliRun.RunAsync(folder, environment, clock.Run, "run", second, "--rps", "100", "--concurrency", "8", "--summary-json", secondJson);
        var results = await Task.WhenAll(firstRun, secondRun);

        Assert.All(results, result => Assert.Equal(ExitCodes.Success, result.ExitCode));
        var updates = sandbox.Updates;
        var start = updates[0].At;
        var took = (updates[^1].At - start).TotalSeconds;
        var secondFrom = updates.First(update => update.LeadId > 100_000).At;
        var firstTo = updates.Last(update => update.LeadId <= 100_000).At;
        var accepted = updates.Where(update => update.Status == 200 && update.At >= secondFrom && update.At <= firstTo).ToList();
        var share = accepted.Count(update => update.LeadId > 100_000) / (double)Math.Max(1, accepted.Count);
        var refused = updates.Count(update => update.Status == 429) / (double)updates.Count;
        var summary = $"{took:0.0} s against the best 60 s, the second's share while both ran {share:P0}, {refused:P1} answered 429";
        output.WriteLine($"{summary}; {clock}");
        Assert.True(took <= 60 * slowest, summary);
        Assert.True(Math.Min(share, 1 - share) >= smallestShare, summary);
        Assert.True(refused <= most429s, summary);

        // The sharing is said as it was seen: through the runs' files on one machine, through Liner's 429s across two.
        using var written = JsonDocument.Parse(File.ReadAllBytes(secondJson));
        var rateLimit = written.RootElement.GetProperty("rateLimit");
        output.WriteLine(rateLimit.ToString());
        Assert.Equal(coordinate ? 2 : 1, rateLimit.GetProperty("runsOnKeyAtMost").GetInt32());
        if (!coordinate)
        {
            Assert.InRange(rateLimit.GetProperty("sharedOutsideSeconds").GetDouble(), 10, 200);
            Assert.InRange(rateLimit.GetProperty("shareOutside").GetDouble(), 0.1, 0.9);
            Assert.Matches(@"Liner's answers showed someone else using the API key too \(another machine or integration\) for \d+ s: this run's part of the limit about \d+%", results[1].Out);
            Assert.Matches(@"Progress: .*; Liner's 429s show someone else on the key too \(this run's part of the limit about \d+%\)", results[1].Out);
        }
        else
        {
            // The first run's requests in the moment before the second read its file are the second's, not someone else's.
            Assert.Equal(0, rateLimit.GetProperty("sharedOutsideSeconds").GetDouble());
            Assert.InRange(rateLimit.GetProperty("share").GetDouble(), 0.45, 0.55);
            Assert.Matches(@"The API key's limit was shared with other runs on this machine for \d+ s \(up to 2 runs at once\): this run's part about \d+%", results[1].Out);
            Assert.Matches(@"Progress: .*; pace \d+\.\d/s, Liner's limit about \d+(\.\d)?/s, shared with 1 other run on this machine \(this run's part 50%\)", results[1].Out);
        }
    }

    private static string Leads(TempFolder folder, string name, int from, int count)
    {
        var csv = new StringBuilder("lead_id,status\n");
        for (var lead = from; lead < from + count; lead++)
        {
            csv.Append(lead).Append(",3\n");
        }

        return folder.Write(name, csv.ToString(), new UTF8Encoding(false));
    }
}
