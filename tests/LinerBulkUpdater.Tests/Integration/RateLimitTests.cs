using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>
/// The pace asked for, through the whole CLI path. Run and sandbox share a stepped clock: the client and the
/// sandbox live in this process, and on a 2-core machine the other tests' load would stall a real clock and
/// measure the test host rather than the limiter. On the stepped clock the 7.5 s of sending are simulated
/// seconds, so the test runs beside the rest of the suite.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Rps_20_never_lets_more_than_22_requests_into_a_second_and_sustains_at_least_18()
    {
        using var folder = new TempFolder();
        await using var clock = new SteppedClock();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), clock.Sandbox);
        var input = folder.WriteLeads(150);

        var result = await CliRun.RunAsync(folder, CliRun.Against(sandbox.BaseUrl), clock.Run, "run", input, "--rps", "20", "--concurrency", "8");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var starts = sandbox.Updates.Select(update => update.At).Order().ToList();
        Assert.Equal(150, starts.Count);
        var busiest = starts.Select((start, i) => starts.Skip(i).TakeWhile(next => next - start < TimeSpan.FromSeconds(1)).Count()).Max();
        Assert.True(busiest <= 22, string.Join(" ", starts.Select(s => (s - starts[0]).TotalMilliseconds.ToString("0"))));
        var rate = (starts.Count - 1) / (starts[^1] - starts[0]).TotalSeconds;
        Assert.InRange(rate, 18, 22);
    }
}
