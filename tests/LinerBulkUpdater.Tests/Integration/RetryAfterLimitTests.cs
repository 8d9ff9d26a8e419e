using System.Globalization;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>
/// Sending:MaxDelaySeconds caps every wait: a Retry-After within it is honoured, one beyond it (however
/// large, or a date however far off) fails its row at once and holds up no other row.
/// </summary>
public sealed class RetryAfterLimitTests : IDisposable
{
    private const int Leads = 6;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>One row at a time, so the rows after the throttled lead are sent after its answer; waits of at most 3 s.</summary>
    /// <param name="time">The clock the run and its server share (a <see cref="SteppedClock"/>), or null for the real one.</param>
    private async Task<(CliResult Result, Dictionary<long, Dictionary<string, string>> Rows)> RunAsync(Uri baseUrl, TimeProvider? time = null)
    {
        var report = Path.Combine(_folder.Path, "report.csv");
        var environment = CliRun.Against(baseUrl);
        environment["Sending__MaxDelaySeconds"] = "3";
        environment["Sending__RetryDelayMs"] = "100";
        // A safety net in real time, not a wait: a run held up for an hour fails here instead of hanging the suite.
        var result = await CliRun.RunAsync(_folder, environment, new Interrupts(), interactive: false, time, "run", _folder.WriteLeads(Leads), "--report", report, "--rps", "0", "--concurrency", "1")
            .WaitAsync(TimeSpan.FromSeconds(60));
        var rows = CliRun.ReadReport(report).ToDictionary(row => long.Parse(row["lead_id"], CultureInfo.InvariantCulture));
        Assert.Equal(Leads, rows.Count);
        return (result, rows);
    }

    /// <summary>The next row went out soon after <paramref name="lead"/>'s answer: nobody was paused for it.</summary>
    private static void AssertNextSentAtOnce(IEnumerable<(long Lead, DateTimeOffset At)> updates, long lead)
    {
        var arrivals = updates.ToList();
        var gap = arrivals.First(update => update.Lead == lead + 1).At - arrivals.First(update => update.Lead == lead).At;
        Assert.True(gap < TimeSpan.FromSeconds(2), $"lead {lead + 1} went out {gap.TotalSeconds:0.000} s after lead {lead}: it waited");
    }

    private static void AssertOthersUpdated(Dictionary<long, Dictionary<string, string>> rows, params long[] except) =>
        Assert.All(rows.Where(row => !except.Contains(row.Key)), row => Assert.Equal(("updated", "1", ""), (row.Value["outcome"], row.Value["attempts"], row.Value["error"])));

    [Theory]
    [InlineData("429:2")]
    [InlineData("429:3")]
    [InlineData("503:2")]
    public async Task A_retry_after_within_max_delay_is_waited_out_before_the_row_is_sent_again(string entry)
    {
        await using var clock = new SteppedClock();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Script = new() { ["2"] = [entry] } }, clock.Sandbox);

        var (result, rows) = await RunAsync(sandbox.BaseUrl, clock.Run);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(("updated", "2"), (rows[2]["outcome"], rows[2]["attempts"]));
        var attempts = sandbox.Updates.Where(update => update.LeadId == 2).Select(update => update.At).ToList();
        var asked = TimeSpan.FromSeconds(int.Parse(entry[4..], CultureInfo.InvariantCulture));
        Assert.True(attempts[1] - attempts[0] >= asked - TimeSpan.FromMilliseconds(50), $"sent again after {(attempts[1] - attempts[0]).TotalSeconds:0.000} s");
        AssertOthersUpdated(rows, 2);
    }

    [Fact]
    public async Task A_retry_after_beyond_max_delay_fails_its_row_at_once_quoting_both_and_pauses_no_other_row()
    {
        var script = new Dictionary<string, List<string>> { ["2"] = ["429:4"], ["4"] = ["503:600"] };
        await using var clock = new SteppedClock();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Script = script }, clock.Sandbox);

        var (result, rows) = await RunAsync(sandbox.BaseUrl, clock.Run);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.Equal(
            ("failed", "429", "1", "sandbox: scripted 429; Liner asked to retry after 4 s (Retry-After), more than Sending:MaxDelaySeconds (3 s) allows: not retried, send the row again later"),
            (rows[2]["outcome"], rows[2]["http_status"], rows[2]["attempts"], rows[2]["error"]));
        Assert.Equal(
            ("failed", "503", "1", "sandbox: scripted 503; Liner asked to retry after 600 s (Retry-After), more than Sending:MaxDelaySeconds (3 s) allows: not retried, send the row again later"),
            (rows[4]["outcome"], rows[4]["http_status"], rows[4]["attempts"], rows[4]["error"]));
        Assert.Equal(1, sandbox.Updates.Count(update => update.LeadId == 2));
        AssertOthersUpdated(rows, 2, 4);
        var arrivals = sandbox.Updates.Select(update => (update.LeadId ?? 0, update.At)).ToList();
        AssertNextSentAtOnce(arrivals, 2);
        AssertNextSentAtOnce(arrivals, 4);
    }

    [Fact]
    public async Task When_liner_asks_every_request_to_wait_past_max_delay_the_run_stops_instead_of_failing_every_row()
    {
        // A server-wide "come back in 10 minutes": failing each row at full speed would leave a report of nothing but failures.
        await using var clock = new SteppedClock();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 5, Faults = { Share429 = 1, RetryAfterSeconds = 600 } }, clock.Sandbox);

        var report = Path.Combine(_folder.Path, "report.csv");
        var environment = CliRun.Against(sandbox.BaseUrl);
        environment["Sending__MaxDelaySeconds"] = "3";

        var result = await CliRun.RunAsync(_folder, environment, clock.Run, "run", _folder.WriteLeads(40), "--report", report, "--rps", "0", "--concurrency", "1")
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.Contains("Liner asked 10 requests in a row to wait longer than Sending:MaxDelaySeconds (3 s) allows; run again later with --resume", result.Error);
        var rows = CliRun.ReadReport(report);
        Assert.Equal(10, rows.Count(row => row["outcome"] == "failed"));
        Assert.Equal(30, rows.Count(row => row["outcome"] == "not_sent"));
        Assert.Equal(10, sandbox.Updates.Count);
    }

    [Theory]
    [InlineData(429, "999999999")]
    [InlineData(429, "3601")]
    [InlineData(429, "99999999999999999999999")]
    [InlineData(429, "Fri, 31 Dec 9999 23:59:59 GMT")]
    [InlineData(503, "999999999")]
    [InlineData(503, "Fri, 31 Dec 9999 23:59:59 GMT")]
    public async Task A_retry_after_no_timer_could_hold_fails_only_its_row_and_every_later_row_is_sent(int status, string retryAfter)
    {
        await using var liner = await StubLiner.StartAsync((lead, _) => lead == 2
            ? StubAnswer.Json(status, """{"success":false,"message":"slow down","data":null}""", retryAfter)
            : StubAnswer.Updated);

        var (result, rows) = await RunAsync(liner.BaseUrl);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.Equal(("failed", status.ToString(CultureInfo.InvariantCulture), "1"), (rows[2]["outcome"], rows[2]["http_status"], rows[2]["attempts"]));
        Assert.Matches(@"^slow down; Liner asked to retry after (more than )?\d+ s \(Retry-After\), more than Sending:MaxDelaySeconds \(3 s\) allows: not retried, send the row again later$", rows[2]["error"]);
        AssertOthersUpdated(rows, 2);
        Assert.DoesNotContain("unexpected failure", result.Everything + result.LogText, StringComparison.Ordinal);
        Assert.Single(liner.Updates, update => update.Lead == 2);
        AssertNextSentAtOnce(liner.Updates, 2);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("soon")]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT")]
    public async Task A_retry_after_that_is_no_wait_or_no_value_leaves_the_usual_back_off(string retryAfter)
    {
        await using var liner = await StubLiner.StartAsync((lead, nth) => lead == 2 && nth == 1
            ? StubAnswer.Json(429, """{"success":false,"message":"slow down","data":null}""", retryAfter)
            : StubAnswer.Updated);

        // Only the run's own waits are on the stepped clock: the stub answers at once, and no time is asserted here.
        await using var clock = new SteppedClock();
        var (result, rows) = await RunAsync(liner.BaseUrl, clock.Run);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(("updated", "2"), (rows[2]["outcome"], rows[2]["attempts"]));
        AssertOthersUpdated(rows, 2);
    }

    [Fact]
    public async Task A_retry_after_date_within_max_delay_is_honoured()
    {
        // The stub dates its answer and times its requests on the run's stepped clock: the wait is in simulated seconds.
        await using var clock = new SteppedClock();
        await using var liner = await StubLiner.StartAsync(
            (lead, nth) => lead == 2 && nth == 1
                ? StubAnswer.Json(429, """{"success":false,"message":"slow down","data":null}""", clock.Sandbox.GetUtcNow().AddSeconds(2).ToString("r", CultureInfo.InvariantCulture))
                : StubAnswer.Updated,
            time: clock.Sandbox);

        var (result, rows) = await RunAsync(liner.BaseUrl, clock.Run);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(("updated", "2"), (rows[2]["outcome"], rows[2]["attempts"]));
        var attempts = liner.Updates.Where(update => update.Lead == 2).Select(update => update.At).ToList();

        // An HTTP date counts whole seconds: 2 s from now is 1 to 2 s away.
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromSeconds(0.9), $"sent again after {(attempts[1] - attempts[0]).TotalSeconds:0.000} s");
    }
}
