using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;
using Xunit.Abstractions;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>
/// The sandbox misbehaves on purpose; every row still ends in the report exactly once. Run and sandbox
/// share a stepped clock: stalls, time-outs and back-off pass in simulated seconds.
/// </summary>
[LongRunning]
public sealed class ResilienceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly SteppedClock _clock = new();
    private SandboxServer? _sandbox;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        await _clock.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>A run with quick back-off and a 2 s attempt timeout (simulated seconds, on <see cref="_clock"/>).</summary>
    private Task<(CliResult Result, Dictionary<long, Dictionary<string, string>> Rows)> RunAsync(SandboxOptions options, int leads, params string[] extra) =>
        RunAsync(options, leads, attempts: 5, extra);

    private async Task<(CliResult Result, Dictionary<long, Dictionary<string, string>> Rows)> RunAsync(SandboxOptions options, int leads, int attempts, params string[] extra)
    {
        _sandbox = await SandboxServer.StartAsync(options, _clock.Sandbox);
        var input = _folder.WriteLeads(leads);
        var report = Path.Combine(_folder.Path, "report.csv");
        var environment = CliRun.Against(_sandbox.BaseUrl);
        environment["Sending__RetryDelayMs"] = "100";
        environment["Liner__TimeoutSeconds"] = "2";
        environment["Sending__Attempts"] = attempts.ToString();
        var result = await CliRun.RunAsync(_folder, environment, _clock.Run, ["run", input, "--report", report, .. extra]);
        output.WriteLine($"{leads} rows in {_clock}: {_sandbox.Updates.Count} requests; answers {string.Join(", ", _sandbox.Updates.GroupBy(update => update.Status).OrderBy(group => group.Key).Select(group => $"{group.Key}×{group.Count()}"))}");
        var rows = CliRun.ReadReport(report);
        Assert.Equal(Enumerable.Range(1, leads).Select(lead => (long)lead), rows.Select(row => long.Parse(row["lead_id"])).Order());
        return (result, rows.ToDictionary(row => long.Parse(row["lead_id"])));
    }

    private int RequestsFor(long lead) => _sandbox!.Updates.Count(update => update.LeadId == lead);

    [Fact]
    public async Task Transient_faults_are_retried_and_refusals_are_not()
    {
        var options = new SandboxOptions
        {
            MissingLeads = [13],
            Script = new()
            {
                ["3"] = ["503", "503"],
                ["5"] = ["429"],
                ["7"] = ["drop"],
                ["9"] = ["stall:4"],
                ["11"] = ["500", "500", "500", "500", "500", "500"],
                ["15"] = ["refuse:lead is archived"],
                ["17"] = ["refuse:=HYPERLINK(\"http://evil.example\",\"click\")"],
                ["19"] = ["502"],
                ["20"] = ["html"],
            },
        };

        var (result, rows) = await RunAsync(options, 20, "--rps", "0", "--concurrency", "4");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        foreach (var (lead, attempts) in new Dictionary<long, int> { [3] = 3, [5] = 2, [7] = 2, [9] = 2, [19] = 2, [20] = 2 })
        {
            Assert.Equal(("updated", "200", attempts.ToString()), (rows[lead]["outcome"], rows[lead]["http_status"], rows[lead]["attempts"]));
            Assert.Equal(attempts, RequestsFor(lead));
        }

        Assert.Equal(("failed", "500", "5"), (rows[11]["outcome"], rows[11]["http_status"], rows[11]["attempts"]));
        Assert.Equal(5, RequestsFor(11));
        Assert.Equal(("failed", "404", "1"), (rows[13]["outcome"], rows[13]["http_status"], rows[13]["attempts"]));
        Assert.Equal(1, RequestsFor(13));
        Assert.Equal(("failed", "200", "1", "lead is archived"), (rows[15]["outcome"], rows[15]["http_status"], rows[15]["attempts"], rows[15]["error"]));
        Assert.Equal(1, RequestsFor(15));
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"click\")", rows[17]["error"]);
        Assert.All(rows.Values, row => Assert.False(row["error"] is ['=' or '+' or '@', ..], row["error"]));
        Assert.Equal(16, rows.Values.Count(row => row["outcome"] == "updated"));
    }

    [Fact]
    public async Task A_key_revoked_mid_run_stops_within_seconds_with_every_row_reported()
    {
        var options = new SandboxOptions { Faults = new SandboxFaults { RejectKeyAfter = 30 } };

        var (result, rows) = await RunAsync(options, 300, "--rps", "0", "--concurrency", "4");

        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.Contains("stopped part-way: the Liner API refused the API key (HTTP 401)", result.Error);
        Assert.InRange(_sandbox!.Updates.Count, 31, 30 + 4);
        Assert.Equal(30, rows.Values.Count(row => row["outcome"] == "updated"));
        Assert.All(rows.Values.Where(row => row["outcome"] == "failed"), row => Assert.Equal("401", row["http_status"]));
        Assert.Equal(300 - _sandbox.Updates.Count, rows.Values.Count(row => row["outcome"] == "not_sent"));
    }

    [Fact]
    public async Task Drops_stalls_and_throttling_at_random_lose_no_row()
    {
        var options = new SandboxOptions
        {
            Faults = new SandboxFaults { Share429 = 0.02, Share5xx = 0.1, ShareDrop = 0.05, ShareStall = 0.02, StallSeconds = 3, Seed = 7 },
        };

        // About one request in five fails: with 5 attempts some row in 300 would run out now and then
        // (0.19^5 × 300 ≈ 7 %), with 10 practically never.
        var (result, rows) = await RunAsync(options, 300, attempts: 10, "--rps", "0", "--concurrency", "8");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.All(rows.Values, row => Assert.Equal("updated", row["outcome"]));
        Assert.True(_sandbox!.Updates.Count > 300, "the faults happened");
        Assert.Equal(300, _sandbox.Updates.Count(update => update.Status == 200));
    }
}

/// <summary>
/// Back-pressure is about time, so the run and the sandbox share one stepped clock: the server's
/// 10 a second and the client's pace are measured in the same simulated seconds, whatever the load.
/// </summary>
public sealed class BackPressureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_server_that_allows_10_a_second_gets_every_row_with_few_429s_when_asked_for_100()
    {
        using var folder = new TempFolder();
        await using var clock = new SteppedClock();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Faults = new SandboxFaults { RateLimit = 10 } }, clock.Sandbox);
        var input = folder.WriteLeads(120);
        var report = Path.Combine(folder.Path, "report.csv");

        var result = await CliRun.RunAsync(folder, CliRun.Against(sandbox.BaseUrl), clock.Run, "run", input, "--report", report, "--rps", "100", "--concurrency", "8");
        output.WriteLine($"120 rows in {clock}, {sandbox.Updates.Count} requests, {sandbox.Updates.Count(update => update.Status == 429)} answered 429");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.All(CliRun.ReadReport(report), row => Assert.Equal("updated", row["outcome"]));
        var throttled = sandbox.Updates.Count(update => update.Status == 429);
        var share = (double)throttled / sandbox.Updates.Count;
        Assert.True(share < 0.25, $"{throttled} of {sandbox.Updates.Count} requests were 429");
        Assert.Contains("Progress: ", result.Out);
    }
}
