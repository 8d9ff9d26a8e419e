using System.Globalization;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;
using Xunit.Abstractions;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>
/// The rate controller against a server that counts accepted requests in a sliding 1 s window (the sandbox's
/// <see cref="SandboxFaults.RateLimitSchedule"/>), the user having guessed <c>--rps 100</c>: on the stepped clock,
/// so seconds of simulated limit pass in real milliseconds and the numbers are the controller's, not the machine's.
/// </summary>
/// <remarks>
/// The schedules run one after another, as a class's cases do, not side by side, and at their full length. Run four at
/// once on 2 cores beside the rest of the suite, the machine's load now and then moved the stepped clock while a request
/// was being worked on for real, and a run came out 20 % slow. Shorter, the margins no longer hold: finding the limit
/// costs about a second and two 429s whatever the length, 6 % of a 20 s run and 12 % of a 10 s one.
/// </remarks>
[LongRunning]
public sealed class AdaptiveRateTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("10", 200, true)]
    [InlineData("20", 400, true)]
    [InlineData("10, 4@10, 10@20", 300, true)]
    [InlineData("10", 200, false)]
    public async Task The_run_finds_the_limit_and_holds_it_within_10_percent_of_the_best_time_and_3_percent_of_429s(string schedule, int rows, bool retryAfter)
    {
        using var folder = new TempFolder();
        await using var clock = new SteppedClock();
        await using var sandbox = await SandboxServer.StartAsync(
            new SandboxOptions { LatencyMs = 20, Faults = { RateLimitSchedule = schedule, RateLimitRetryAfter = retryAfter } }, clock.Sandbox);
        var input = folder.WriteLeads(rows);

        var json = Path.Combine(folder.Path, "summary.json");

        var result = await CliRun.RunAsync(folder, CliRun.Against(sandbox.BaseUrl), clock.Run, "run", input, "--rps", "100", "--concurrency", "8", "--summary-json", json);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var updates = sandbox.Updates;
        var refused = updates.Count(update => update.Status == 429);
        var took = (updates[^1].At - updates[0].At).TotalSeconds;
        var best = BestSeconds(SlidingWindowLimit.Parse(schedule, out _)!, rows);
        var summary = $"{took:0.0} s against the best {best:0.0} s, {refused} of {updates.Count} requests answered 429";
        output.WriteLine($"{summary}; {clock}");
        Assert.True(took <= best * 1.10, summary);
        Assert.True(refused <= updates.Count * 0.03, summary);

        // What was found is said, for the next scheduled run's --rps: while it runs, at the end, and in the summary.
        var last = SlidingWindowLimit.Parse(schedule, out _)![^1].Limit;
        using var written = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(json));
        var rateLimit = written.RootElement.GetProperty("rateLimit");
        Assert.InRange(rateLimit.GetProperty("foundPerSecond").GetDouble(), last * 0.9, last * 1.1);
        Assert.Equal(refused, rateLimit.GetProperty("throttled").GetInt32());
        Assert.Matches(@"Liner's rate limit: about \d+(\.\d)? requests/s, found from \d+ answers of 429; --rps \d+ keeps under it from the start", result.Out);
        Assert.Matches(@"Progress: .*; pace \d+\.\d/s, Liner's limit about \d+(\.\d)?/s", result.Out);
    }

    /// <summary>When the last of <paramref name="rows"/> requests could start at best: each the moment the window has room.</summary>
    private static double BestSeconds((double From, int Limit)[] schedule, int rows)
    {
        var accepted = new Queue<double>();
        var at = 0.0;
        for (var sent = 0; sent < rows; at += 0.001)
        {
            while (accepted.Count > 0 && accepted.Peek() <= at - 1)
            {
                accepted.Dequeue();
            }

            var limit = schedule.Last(step => step.From <= at).Limit;
            while (accepted.Count < limit && sent < rows)
            {
                accepted.Enqueue(at);
                sent++;
            }
        }

        return double.Parse((at - 0.001).ToString("0.000", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Rate-limit headers from a stub whose window runs on the run's stepped clock (see <see cref="RateLimitTests"/>):
/// the seconds the run waits for the window are simulated, and the machine's load cannot push a request into the
/// wrong window.
/// </summary>
public sealed class QuotaHeaderTests
{
    [Theory]
    [InlineData("RateLimit-Remaining", "RateLimit-Reset")]
    [InlineData("X-RateLimit-Remaining", "X-RateLimit-Reset")]
    public async Task Rate_limit_headers_are_followed_without_hitting_429(string remainingHeader, string resetHeader)
    {
        // A gateway that says how much of its 10-a-second window is left: the run waits for the window instead of its 429s.
        await using var clock = new SteppedClock();
        var accepted = new Queue<DateTimeOffset>();
        var refused = 0;
        await using var liner = await StubLiner.StartAsync((_, _) =>
        {
            lock (accepted)
            {
                var now = clock.Sandbox.GetUtcNow();
                while (accepted.Count > 0 && accepted.Peek() <= now.AddSeconds(-1))
                {
                    accepted.Dequeue();
                }

                var full = accepted.Count >= 10;
                if (!full)
                {
                    accepted.Enqueue(now);
                }

                var reset = accepted.Count == 0 ? 0 : Math.Max(1, (int)Math.Ceiling((accepted.Peek().AddSeconds(1) - now).TotalSeconds));
                var headers = new Dictionary<string, string>
                {
                    [remainingHeader] = (10 - accepted.Count).ToString(CultureInfo.InvariantCulture),
                    [resetHeader] = (resetHeader.StartsWith('X') ? now.ToUnixTimeSeconds() + reset : reset).ToString(CultureInfo.InvariantCulture),
                };
                refused += full ? 1 : 0;
                return (full ? StubAnswer.Json(429, """{"success":false,"message":"too many requests","data":null}""") : StubAnswer.Updated) with { Headers = headers };
            }
        });
        using var folder = new TempFolder();

        var result = await CliRun.RunAsync(folder, CliRun.Against(liner.BaseUrl), clock.Run, "run", folder.WriteLeads(30), "--rps", "100", "--concurrency", "8");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(0, refused);
    }
}
