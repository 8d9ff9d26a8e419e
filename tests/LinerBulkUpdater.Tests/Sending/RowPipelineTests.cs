using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sandbox;
using LinerBulkUpdater.Sending;
using Serilog.Core;

namespace LinerBulkUpdater.Tests.Sending;

/// <summary>
/// The whole run's shape: rows in, the real triage (parser, field rules), a real LeadSender against the
/// sandbox on a fake clock, and a report in memory that records every row it is given.
/// </summary>
public sealed class RowPipelineTests
{
    private static readonly ColumnMap Columns = ColumnMap.Build("leads.csv", ["lead_id", "status"], new Dictionary<string, string>(), []);

    private static RowTriage Triage(bool dryRun = false) =>
        new(new LeadRowParser(Columns, new FieldRules(FieldRulesOptions.Default)), resume: null, baseline: null, guard: null, dryRun);

    /// <summary>Row <paramref name="sourceRow"/> of the file: its lead id cell and its status cell, as read.</summary>
    private static RawRow Row(int sourceRow, string leadId, string status) => new(sourceRow, sourceRow + 1, [leadId, status]);

    /// <summary>Rows that set status = their row number, on leads 1..<paramref name="leads"/> in turn.</summary>
    private static List<RawRow> Rows(int count, int leads) =>
        Enumerable.Range(1, count).Select(n => Row(n, (((n - 1) % leads) + 1).ToString(), n.ToString())).ToList();

    private static SandboxOptions Script(params (long LeadId, string[] Entries)[] leads)
    {
        var options = new SandboxOptions();
        foreach (var (leadId, entries) in leads)
        {
            options.Script[leadId.ToString()] = [.. entries];
        }

        return options;
    }

    private static void AssertEachRowReportedOnce(IEnumerable<RawRow> rows, MemoryReport report, OutcomeCounts counts)
    {
        Assert.Equal(rows.Select(row => row.SourceRow).Order(), report.Rows.Select(row => row.Row.SourceRow).Order());
        Assert.Equal(report.Rows.Count, counts.Total);
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            Assert.Equal(report.Rows.Count(row => row.Outcome == outcome), counts[outcome]);
        }
    }

    [Fact]
    public async Task Every_row_read_reaches_the_report_exactly_once_whatever_its_outcome()
    {
        await using var rig = await SendingRig.StartAsync(Script((3, ["503:1"]), (4, ["422"]), (5, ["refuse:no such status"])));
        var rows = new List<RawRow>
        {
            Row(1, "1", "10"),
            Row(2, "abc", "10"),      // invalid lead id
            Row(3, "3", "10"),        // 503, then updated on the retry
            Row(4, "4", "10"),        // 422: failed
            Row(5, "5", "10"),        // refused with a 200: failed
            Row(6, "1", ""),          // nothing to update: skipped
            Row(7, "1", "eleven"),    // invalid status
            Row(8, "1", "12"),
        };

        // More rows than the pipeline holds between reader and report (256), many of them for the same leads.
        rows.AddRange(Enumerable.Range(9, 600).Select(n => Row(n, ((n % 40) + 10).ToString(), n.ToString())));
        var report = new MemoryReport();
        var counts = new OutcomeCounts();

        await rig.DriveAsync(new RowPipeline(Triage(), rig.Rows(), rig.Stop, concurrency: 4, Logger.None).RunAsync(rows, report, counts));

        AssertEachRowReportedOnce(rows, report, counts);
        Assert.Equal(Outcome.Updated, report.Find(1)!.Outcome);
        Assert.Equal(Outcome.Invalid, report.Find(2)!.Outcome);
        Assert.Equal((Outcome.Updated, (int?)200, 2), (report.Find(3)!.Outcome, report.Find(3)!.HttpStatus, report.Find(3)!.Attempts));
        Assert.Equal((Outcome.Failed, (int?)422, "sandbox: scripted 422"), (report.Find(4)!.Outcome, report.Find(4)!.HttpStatus, report.Find(4)!.Error));
        Assert.Equal((Outcome.Failed, (int?)200, "no such status"), (report.Find(5)!.Outcome, report.Find(5)!.HttpStatus, report.Find(5)!.Error));
        Assert.Equal(Outcome.Skipped, report.Find(6)!.Outcome);
        Assert.Equal(Outcome.Invalid, report.Find(7)!.Outcome);
        Assert.Equal(603, counts[Outcome.Updated]);
        Assert.Equal(2 + 2 + 1, counts[Outcome.Invalid] + counts[Outcome.Failed] + counts[Outcome.Skipped]);

        // Each sendable row was sent once (the 503 twice), and each lead ends with its last row's value.
        Assert.Equal(603 + 1 + 2, rig.Server.UpdateCount);
        Assert.Equal(12L, rig.Server.Lead(1)!["status"]);
        Assert.Equal(608L, rig.Server.Lead(18)!["status"]);
        Assert.True(report.Flushes >= 1);
    }

    [Fact]
    public async Task A_dry_run_sends_nothing_and_reports_each_row_as_dry_run_invalid_or_skipped()
    {
        var rows = new List<RawRow> { Row(1, "1", "10"), Row(2, "0", "10"), Row(3, "2", " "), Row(4, "1", "11") };
        rows.AddRange(Enumerable.Range(5, 400).Select(n => Row(n, "3", n.ToString())));
        var report = new MemoryReport();
        var counts = new OutcomeCounts();
        using var stop = new RunStop();

        await new RowPipeline(Triage(dryRun: true), sender: null, stop, concurrency: 4, Logger.None).RunAsync(rows, report, counts).WaitAsync(SendingRig.Patience);

        AssertEachRowReportedOnce(rows, report, counts);
        Assert.Equal([Outcome.DryRun, Outcome.Invalid, Outcome.Skipped, Outcome.DryRun], Enumerable.Range(1, 4).Select(n => report.Find(n)!.Outcome));
        Assert.Equal(402, counts[Outcome.DryRun]);
        Assert.Equal("column 'lead_id': '0' must be greater than 0", report.Find(2)!.Error);

        // One reader, one writer, nothing in between: the report is in file order.
        Assert.Equal(rows.Select(row => row.SourceRow), report.Rows.Select(row => row.Row.SourceRow));
        Assert.False(stop.IsStopped);
    }

    [Fact]
    public async Task A_dry_run_that_is_stopped_stops_reading()
    {
        var read = 0;
        IEnumerable<RawRow> Rows()
        {
            for (var n = 1; n <= 1000; n++)
            {
                read++;
                yield return Row(n, "1", n.ToString());
            }
        }

        using var stop = new RunStop();
        // Ctrl+C once the tenth row is reported.
        var stopAfter = new MemoryReportStopper(stop, afterRows: 10);

        await new RowPipeline(Triage(dryRun: true), sender: null, stop, concurrency: 4, Logger.None).RunAsync(Rows(), stopAfter, new OutcomeCounts()).WaitAsync(SendingRig.Patience);

        Assert.True(read < 1000, $"read {read} rows");
        Assert.True(stopAfter.Rows.Count < 1000);
        Assert.All(stopAfter.Rows, row => Assert.Equal(Outcome.DryRun, row.Outcome));
    }

    [Fact]
    public async Task After_a_refused_key_every_row_left_is_reported_not_sent()
    {
        // The key works for two updates; the third is refused (401), which stops the run.
        await using var rig = await SendingRig.StartAsync(new SandboxOptions { Faults = { RejectKeyAfter = 2 } }, new SendingOptions { Rps = 0, Attempts = 3, RetryDelayMs = 1000, Concurrency = 1 });
        var rows = Enumerable.Range(1, 300).Select(n => Row(n, n.ToString(), "5")).ToList();
        rows[9] = Row(10, "ten", "5");
        rows[10] = Row(11, "11", "");
        var report = new MemoryReport();
        var counts = new OutcomeCounts();

        // One request on the wire at a time: rows go out one by one, so which row meets the refusal is known.
        await new RowPipeline(Triage(), rig.Rows(), rig.Stop, concurrency: 1, Logger.None).RunAsync(rows, report, counts).WaitAsync(SendingRig.Patience);

        // Rows of different leads wait for the one slot in no fixed order: two of the first three requests land, one is refused.
        AssertEachRowReportedOnce(rows, report, counts);
        Assert.Equal(2, counts[Outcome.Updated]);
        var refused = Assert.Single(report.Rows, row => row.Outcome == Outcome.Failed);
        Assert.Equal((401, "API key revoked"), (refused.HttpStatus, refused.Error));
        Assert.Equal(Outcome.Invalid, report.Find(10)!.Outcome);
        Assert.Equal(Outcome.Skipped, report.Find(11)!.Outcome);
        Assert.Equal(300 - 3 - 2, counts[Outcome.NotSent]);
        Assert.All(report.Rows.Where(row => row.Outcome == Outcome.NotSent), row =>
        {
            Assert.Equal("not sent: the Liner API refused the API key (HTTP 401)", row.Error);
            Assert.Equal((null, 0), (row.HttpStatus, row.Attempts));
        });
        Assert.Equal(3, rig.Server.UpdateCount);
    }

    [Fact]
    public async Task Rows_of_a_busy_lead_are_sent_in_file_order_while_other_leads_go_on()
    {
        // Lead 1's first update is held 5 s by the sandbox: on the fake clock, until the test moves it.
        await using var rig = await SendingRig.StartAsync(Script((1, ["stall:5"])));
        var rows = new List<RawRow>
        {
            Row(1, "1", "1"),
            Row(2, "1", "2"),
            Row(3, "2", "3"),
            Row(4, "1", "4"),
            Row(5, "2", "5"),
            Row(6, "3", "6"),
            Row(7, "1", "7"),
        };
        var report = new MemoryReport();
        var counts = new OutcomeCounts();

        var run = new RowPipeline(Triage(), rig.Rows(), rig.Stop, concurrency: 4, Logger.None).RunAsync(rows, report, counts);

        // Leads 2 and 3 are done while lead 1's first row is still out, and nothing else of lead 1 went.
        var stall = await rig.Timers.ArmedAsync(TimeSpan.FromSeconds(5));
        await SendingRig.UntilAsync(() => report.Rows.Count == 3, "the rows of leads 2 and 3 reported");
        Assert.Equal([3, 5, 6], report.Rows.Select(row => row.Row.SourceRow).Order());
        Assert.Empty(rig.UpdatesOf(1));
        Assert.Equal([3L, 5L], rig.UpdatesOf(2).Select(SendingRig.StatusSent));
        Assert.False(stall.HasFired);
        Assert.False(run.IsCompleted);

        await rig.DriveAsync(run);

        // What proves nothing else of lead 1 went while its first row was out: the next one reached the sandbox
        // only once the stall was over, at 5 s on the clock that stood still until the test moved it.
        Assert.True(rig.UpdatesOf(1)[1].At >= SendingRig.Start + TimeSpan.FromSeconds(5), $"lead 1's second row arrived at {rig.UpdatesOf(1)[1].At - SendingRig.Start}");

        AssertEachRowReportedOnce(rows, report, counts);
        Assert.Equal(7, counts[Outcome.Updated]);
        Assert.Equal([1L, 2L, 4L, 7L], rig.UpdatesOf(1).Select(SendingRig.StatusSent));
        Assert.Equal(7L, rig.Server.Lead(1)!["status"]);
        Assert.Equal([1, 2, 4, 7], report.Rows.Where(row => row.Row.Cells[0] == "1").Select(row => row.Row.SourceRow));
    }

    [Fact]
    public async Task A_report_that_cannot_be_written_ends_the_run_with_its_error_instead_of_hanging()
    {
        await using var rig = await SendingRig.StartAsync();
        var rows = Rows(1000, leads: 50);
        var report = new MemoryReport((_, written) => written == 5 ? new IOException("No space left on device") : null);

        var run = new RowPipeline(Triage(), rig.Rows(), rig.Stop, concurrency: 4, Logger.None).RunAsync(rows, report, new OutcomeCounts());

        var thrown = await Assert.ThrowsAsync<IOException>(() => run.WaitAsync(SendingRig.Patience));
        Assert.Equal("No space left on device", thrown.Message);
        Assert.True(rig.Stop.IsStopped);
        Assert.True(rig.Stop.Abort.IsCancellationRequested);
        Assert.Equal("the report could not be written: No space left on device", rig.Stop.Reason);

        // Sending stopped too: far fewer requests than rows (the reader stays at most 256 rows ahead of the report).
        Assert.InRange(rig.Server.UpdateCount, 0, 300);
    }

    [Fact]
    public async Task A_dry_run_report_that_cannot_be_written_ends_the_run_instead_of_hanging()
    {
        var rows = Rows(1000, leads: 50);
        var report = new MemoryReport((_, written) => written == 1 ? new IOException("No space left on device") : null);
        using var stop = new RunStop();

        var run = new RowPipeline(Triage(dryRun: true), sender: null, stop, concurrency: 4, Logger.None).RunAsync(rows, report, new OutcomeCounts());

        await Assert.ThrowsAsync<IOException>(() => run.WaitAsync(SendingRig.Patience));
        Assert.True(stop.IsStopped);
    }

    [Fact]
    public async Task An_input_that_breaks_off_midway_is_reported_up_to_the_break_and_ends_the_run_as_unreadable()
    {
        await using var rig = await SendingRig.StartAsync();
        IEnumerable<RawRow> Broken()
        {
            for (var n = 1; n <= 20; n++)
            {
                yield return Row(n, n.ToString(), "5");
            }

            throw new UsageException("leads.csv: line 22 has an unclosed quote");
        }

        var report = new MemoryReport();
        var counts = new OutcomeCounts();

        var thrown = await Assert.ThrowsAsync<InvalidDataException>(
            () => new RowPipeline(Triage(), rig.Rows(), rig.Stop, concurrency: 4, Logger.None).RunAsync(Broken(), report, counts).WaitAsync(SendingRig.Patience));

        Assert.Equal("the input could not be read to its end: leads.csv: line 22 has an unclosed quote", thrown.Message);
        Assert.IsType<UsageException>(thrown.InnerException);
        Assert.Equal(Enumerable.Range(1, 20), report.Rows.Select(row => row.Row.SourceRow).Order());
        Assert.Equal(20, counts.Total);
        Assert.All(report.Rows, row => Assert.Contains(row.Outcome, new[] { Outcome.Updated, Outcome.NotSent }));
    }
}

/// <summary>A report that stops the run once it has written <c>afterRows</c> rows, as a Ctrl+C would.</summary>
internal sealed class MemoryReportStopper(RunStop stop, int afterRows) : IReportWriter
{
    private readonly MemoryReport _inner = new();

    public string Path => _inner.Path;

    public IReadOnlyList<RowResult> Rows => _inner.Rows;

    public void Write(RowResult result)
    {
        _inner.Write(result);
        if (_inner.Rows.Count == afterRows)
        {
            stop.Stop("Ctrl+C was pressed");
        }
    }

    public void Flush() => _inner.Flush();

    public ValueTask CompleteAsync(RunSummary summary) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
