using System.Diagnostics;
using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>
/// Runs that stop part-way — Ctrl+C, an API that goes away — still report every row exactly once.
/// Run and sandbox share a stepped clock; the test holds it still where it acts, so what is in flight
/// when it presses Ctrl+C or stops the sandbox does not depend on how fast the machine is.
/// </summary>
public sealed class StoppingTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly SteppedClock _clock = new();
    private SandboxServer _sandbox = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        await _clock.DisposeAsync();
        _folder.Dispose();
    }

    private static async Task Until(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the run never got there");
            await Task.Delay(20);
        }
    }

    private static void AssertEveryRowOnce(List<Dictionary<string, string>> rows, int count) =>
        Assert.Equal(Enumerable.Range(1, count).Select(n => n.ToString()), rows.Select(row => row["lead_id"]).OrderBy(int.Parse));

    [Fact]
    public async Task Ctrl_c_lets_requests_in_flight_finish_and_reports_the_rest_not_sent()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 300 }, _clock.Sandbox);
        var input = _folder.WriteLeads(200);
        var report = Path.Combine(_folder.Path, "report.csv");
        using var interrupts = new Interrupts();

        var run = CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), interrupts, _clock.Run, "run", input, "--report", report, "--rps", "0", "--concurrency", "4");
        await _clock.HoldWhenAsync(() => _sandbox.UpdateCount >= 8);
        interrupts.Press();
        _clock.Release();
        var result = await run;

        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.Contains("liner-bulk: stopped part-way: stopped by Ctrl+C or SIGTERM; the report lists every row", result.Error);
        var rows = CliRun.ReadReport(report);
        AssertEveryRowOnce(rows, 200);
        var updated = rows.Where(row => row["outcome"] == "updated").Select(row => long.Parse(row["lead_id"])).Order().ToList();
        Assert.Equal(_sandbox.Updates.Select(update => update.LeadId!.Value).Order(), updated);
        Assert.All(rows.Where(row => row["outcome"] != "updated"), row =>
        {
            Assert.Equal("not_sent", row["outcome"]);
            Assert.Equal(("", "0"), (row["http_status"], row["attempts"]));
        });
        Assert.InRange(updated.Count, 8, 40);
    }

    [Fact]
    public async Task A_second_ctrl_c_cuts_requests_in_flight_at_once()
    {
        // Every answer takes 5 s, the health check's included: 6.5 s in, four updates are in flight.
        // The clock stands at 6.5 s from then on: nothing that waits on it can end the run.
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 5000 }, _clock.Sandbox);
        var input = _folder.WriteLeads(50);
        var report = Path.Combine(_folder.Path, "report.csv");
        using var interrupts = new Interrupts();

        var run = CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), interrupts, _clock.Run, "run", input, "--report", report, "--rps", "0", "--concurrency", "4");
        await _clock.HoldAtAsync(TimeSpan.FromSeconds(6.5));
        await Until(() => _clock.HeldBySandbox == 4);
        var clock = Stopwatch.StartNew();
        interrupts.Press();
        interrupts.Press();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        var rows = CliRun.ReadReport(report);
        AssertEveryRowOnce(rows, 50);
        var cut = rows.Where(row => row["outcome"] == "failed").ToList();
        Assert.InRange(cut.Count, 1, 4);
        Assert.All(cut, row => Assert.StartsWith("cut off in flight when the run was stopped", row["error"]));
        Assert.Equal(50 - cut.Count, rows.Count(row => row["outcome"] == "not_sent"));
    }

    [Fact]
    public async Task An_api_down_past_the_outage_limit_stops_the_run_with_every_row_reported()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 20 }, _clock.Sandbox);
        var input = _folder.WriteLeads(300);
        var report = Path.Combine(_folder.Path, "report.csv");
        var environment = CliRun.Against(_sandbox.BaseUrl);
        environment["Sending__OutageLimitSeconds"] = "2";
        environment["Sending__BreakSeconds"] = "1";
        environment["Sending__RetryDelayMs"] = "50";

        var run = CliRun.RunAsync(_folder, environment, _clock.Run, "run", input, "--report", report, "--rps", "0", "--concurrency", "4");
        await _clock.HoldWhenAsync(() => _sandbox.UpdateCount >= 30);
        var reached = _sandbox.Updates.Count;
        await _sandbox.DisposeAsync();
        _clock.Release();
        var result = await run;

        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.Contains("the Liner API has been down for more than", result.Error);
        var rows = CliRun.ReadReport(report);
        AssertEveryRowOnce(rows, 300);
        Assert.InRange(rows.Count(row => row["outcome"] == "updated"), reached - 4, reached + 4);
        Assert.Contains(rows, row => row["outcome"] == "not_sent");
        // What the last attempt met: the connection refused, or the sandbox's own 503 as it shut down.
        Assert.All(rows.Where(row => row["outcome"] == "failed"), row => Assert.Matches("^(network error|the sandbox is stopping)", row["error"]));
    }

    [Fact]
    public async Task A_short_outage_is_waited_out_and_every_row_ends_updated()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 20 }, _clock.Sandbox);
        var port = _sandbox.BaseUrl.Port;
        var input = _folder.WriteLeads(150);
        var report = Path.Combine(_folder.Path, "report.csv");
        var environment = CliRun.Against(_sandbox.BaseUrl);
        environment["Sending__BreakSeconds"] = "1";
        environment["Sending__RetryDelayMs"] = "500";

        var run = CliRun.RunAsync(_folder, environment, _clock.Run, "run", input, "--report", report, "--rps", "0", "--concurrency", "4");
        await _clock.HoldWhenAsync(() => _sandbox.UpdateCount >= 30);
        await _sandbox.DisposeAsync();
        await _clock.HoldAtAsync(_clock.Elapsed + TimeSpan.FromSeconds(1.5));
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions(), _clock.Sandbox, port);
        _clock.Release();
        var result = await run;

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var rows = CliRun.ReadReport(report);
        AssertEveryRowOnce(rows, 150);
        Assert.All(rows, row => Assert.Equal("updated", row["outcome"]));
    }
}
