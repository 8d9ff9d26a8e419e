using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Planning;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Sending;
using LinerBulkUpdater.Tests.Sending;
using Microsoft.Extensions.Time.Testing;
using Serilog.Events;

namespace LinerBulkUpdater.Tests.Reporting;

/// <summary>The end of a run: its summary and exit code, what the report is handed, and what the log says.</summary>
public sealed class RunEndTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new();
    private readonly CapturedLog _log = new();

    public void Dispose() => _folder.Dispose();

    private AppSettings Settings(string baseUrl = "https://user:secret@liner.example") => AppSettings.Load(
        new CliHost(TextWriter.Null, TextWriter.Null, new Dictionary<string, string?> { ["LINER_API_KEY"] = "the-key" }, _folder.Path, new Interrupts()),
        null,
        new Dictionary<string, string?> { ["Liner:BaseUrl"] = baseUrl, ["Sending:Rps"] = "10" });

    private static RunPlan Plan(RunOptions options) => new(
        options, options.InputPath!, "report.csv", null,
        ColumnMap.Build("leads.csv", ["lead_id", "status"], new Dictionary<string, string>(), []),
        new FieldRules(FieldRulesOptions.Default), null, true, null, null, options.Mode, null);

    private async Task<(RunSummary Summary, SummaryKeeper Report)> FinishAsync(RunOptions options, OutcomeCounts counts, RunStop stop)
    {
        var report = new SummaryKeeper();
        using var limiter = new PacedRateLimiter(10, _clock);
        var summary = await new RunEnd(Settings(), _log.Logger, _clock, ExitCodes.Of).FinishAsync(Plan(options), report, counts, stop, _clock.GetUtcNow(), TimeSpan.FromSeconds(2), 0, limiter);
        return (summary, report);
    }

    private static OutcomeCounts Counts(params Outcome[] outcomes)
    {
        var counts = new OutcomeCounts();
        foreach (var outcome in outcomes)
        {
            counts.Add(outcome);
        }

        return counts;
    }

    [Theory]
    [InlineData("Updated Skipped Unchanged", false, ExitCodes.Success)]
    [InlineData("Updated Invalid", false, ExitCodes.SomeRowsFailed)]
    [InlineData("Updated Failed", false, ExitCodes.SomeRowsFailed)]
    [InlineData("Updated NotSent", true, ExitCodes.Stopped)]
    public async Task The_summary_carries_the_exit_code_the_outcomes_call_for_and_the_report_gets_it(string outcomes, bool stopped, int exitCode)
    {
        using var stop = new RunStop();
        if (stopped)
        {
            stop.Stop("stopped by Ctrl+C or SIGTERM");
        }

        var (summary, report) = await FinishAsync(new RunOptions("leads.csv"), Counts([.. outcomes.Split(' ').Select(Enum.Parse<Outcome>)]), stop);

        Assert.Equal(exitCode, summary.ExitCode);
        Assert.Equal(stopped ? "stopped by Ctrl+C or SIGTERM" : null, summary.StopReason);
        Assert.Same(summary, report.Summary);
    }

    [Fact]
    public async Task The_settings_in_force_never_show_the_key_nor_a_password_in_the_url()
    {
        using var stop = new RunStop();

        var (summary, _) = await FinishAsync(new RunOptions("leads.csv"), Counts(Outcome.Updated), stop);

        var settings = string.Join("\n", summary.Settings.Select(setting => $"{setting.Key}={setting.Value}"));
        Assert.Contains("dry run=no", settings);
        Assert.DoesNotContain("the-key", settings);
        Assert.DoesNotContain("secret", settings);
        Assert.DoesNotContain("the-key", string.Join("\n", _log.Events.Select(e => e.RenderMessage())));
    }

    [Fact]
    public async Task A_dry_run_that_reads_nothing_says_what_a_real_run_would_cost_and_one_that_reads_says_the_reads_too()
    {
        using var stop = new RunStop();

        await FinishAsync(new RunOptions("leads.csv", DryRun: true), Counts(Outcome.DryRun, Outcome.DryRun), stop);
        await FinishAsync(new RunOptions("leads.csv", DryRun: true, LiveDiff: true), Counts(Outcome.DryRun, Outcome.Unchanged), stop);

        var lines = _log.Events.Where(e => e.Level == LogEventLevel.Information).Select(e => e.RenderMessage()).ToList();
        Assert.Contains(lines, line => line.StartsWith("A real run would send 2 requests", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("A real run would send 1 updates after at most 2 reads", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_workbook_that_cannot_be_completed_is_logged_with_where_its_rows_are_and_the_run_still_ends()
    {
        using var stop = new RunStop();
        var report = new SummaryKeeper(new IOException("disk full"));
        using var limiter = new PacedRateLimiter(10, _clock);

        var summary = await new RunEnd(Settings(), _log.Logger, _clock, ExitCodes.Of).FinishAsync(
            Plan(new RunOptions("leads.csv")), report, Counts(Outcome.Updated), stop, _clock.GetUtcNow(), TimeSpan.FromSeconds(1), 0, limiter);

        Assert.Equal(ExitCodes.Success, summary.ExitCode);
        Assert.Contains(_log.Events, e => e.Level == LogEventLevel.Error && e.RenderMessage().Contains("disk full", StringComparison.Ordinal));
    }

    private sealed class SummaryKeeper(Exception? failure = null) : IReportWriter
    {
        public RunSummary? Summary { get; private set; }

        public string Path => "report.xlsx";

        public void Write(RowResult result)
        {
        }

        public void Flush()
        {
        }

        public ValueTask CompleteAsync(RunSummary summary)
        {
            Summary = summary;
            return failure is null ? ValueTask.CompletedTask : ValueTask.FromException(failure);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
