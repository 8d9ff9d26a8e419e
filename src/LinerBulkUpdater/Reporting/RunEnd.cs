using System.Globalization;
using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Planning;
using LinerBulkUpdater.Sending;
using Serilog;

namespace LinerBulkUpdater.Reporting;

/// <summary>
/// The end of a run: the report completed (a workbook built from its sidecar), the summary, the outcome
/// table and the estimate logged, and the run's summary with its exit code.
/// </summary>
/// <param name="exitCodeOf">The CLI's reading of a run's outcomes as an exit code (<see cref="ExitCodes.Of"/>): the one place they map.</param>
internal sealed class RunEnd(AppSettings settings, ILogger log, TimeProvider time, Func<OutcomeCounts, bool, int> exitCodeOf)
{
    /// <param name="savedByBaseline">Requests the baseline saved.</param>
    /// <param name="limiter">What the pace found of Liner's rate limit.</param>
    public async Task<RunSummary> FinishAsync(RunPlan plan, IReportWriter report, OutcomeCounts counts, RunStop stop, DateTimeOffset startedAt, TimeSpan elapsed, int savedByBaseline, PacedRateLimiter limiter)
    {
        var summary = new RunSummary(
            plan.InputPath, report.Path, startedAt, time.GetUtcNow(), counts, exitCodeOf(counts, stop.IsStopped), stop.IsStopped ? stop.Reason : null,
            SettingsInForce(plan.Options), savedByBaseline, limiter.Ceiling, limiter.Throttles,
            limiter.Sharing.Sharing);
        await CompleteAsync(report, summary);
        Log(summary, elapsed, plan.Mode, plan.Baseline is null ? null : savedByBaseline);
        return summary;
    }

    /// <summary>The final table, one outcome a line: plain text, so it reads the same in a terminal and in a log.</summary>
    private static string OutcomeTable(OutcomeCounts counts)
    {
        var table = new StringBuilder();
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            table.AppendLine().Append(CultureInfo.InvariantCulture, $"  {outcome.ToReportName(),-13} {counts[outcome],7}");
        }

        return table.AppendLine().Append(CultureInfo.InvariantCulture, $"  {"total",-13} {counts.Total,7}").ToString();
    }

    private async Task CompleteAsync(IReportWriter report, RunSummary summary)
    {
        try
        {
            await report.CompleteAsync(summary);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // Every row is already in the CSV the workbook is built from; say where, rather than lose the run.
            log.Error("Could not write the workbook {Report}: {Reason}. Every row is in the CSV beside it, {Partial}", report.Path, exception.Message, XlsxReportWriter.SidecarOf(report.Path));
        }
    }

    private void Log(RunSummary summary, TimeSpan elapsed, RunMode mode, int? savedByBaseline)
    {
        var counts = summary.Counts;
        log.Information(
            "Done in {Elapsed:0.0} s: {Counts}; {Rate:0.0} rows sent/s. Report: {Report}",
            elapsed.TotalSeconds, counts.ToString(), (counts[Outcome.Updated] + counts[Outcome.Failed]) / Math.Max(elapsed.TotalSeconds, 0.001), summary.ReportPath);
        log.Information("Outcomes:{Table}", OutcomeTable(counts));
        if (summary.RateLimitFound is { } ceiling)
        {
            log.Information(
                "Liner's rate limit: about {Ceiling:0.#} requests/s, found from {Throttled} answers of 429; --rps {Advice} keeps under it from the start",
                ceiling, summary.Throttled, Math.Max(1, (int)Math.Floor(ceiling * 0.95)));
        }
        else if (summary.Throttled > 0)
        {
            log.Information("Liner answered 429 to {Throttled} requests, retried; they showed no steady limit", summary.Throttled);
        }

        if (summary.Sharing is { Shared: true } shared)
        {
            log.Information(
                "The API key's limit was shared with other runs on this machine for {Seconds:0} s (up to {Runs} runs at once): this run's part about {Share:0}%",
                shared.SharedSeconds, shared.MostRuns, shared.Share * 100);
        }

        if (summary.Sharing is { SharedOutside: true } outside)
        {
            log.Information(
                "Liner's answers showed someone else using the API key too (another machine or integration) for {Seconds:0} s: this run's part of the limit about {Share:0}%, as far as it can tell",
                outside.OutsideSeconds, outside.OutsideShare * 100);
        }

        if (savedByBaseline is { } saved)
        {
            log.Information("The baseline saved {Saved} requests: leads with nothing different", saved);
        }

        if (mode.OnlyChecksRows && settings.Sending.Rps > 0)
        {
            log.Information(
                "A real run would send {Rows} requests: about {Minutes:0.#} min at {Rps} requests/s",
                counts[Outcome.DryRun], counts[Outcome.DryRun] / (double)settings.Sending.Rps / 60, settings.Sending.Rps);
        }
        else if (!mode.Writes && settings.Sending.Rps > 0)
        {
            // Each row that reached Liner was read (a lead's rows in a row share one read): an upper bound.
            var reads = counts[Outcome.DryRun] + counts[Outcome.Unchanged] + counts[Outcome.Failed] + counts[Outcome.ChangedSince];
            log.Information(
                "A real run would send {Rows} updates after at most {Reads} reads: at most {Minutes:0.#} min at {Rps} requests/s",
                counts[Outcome.DryRun], reads, (counts[Outcome.DryRun] + reads) / (double)settings.Sending.Rps / 60, settings.Sending.Rps);
        }

        if (summary.StopReason is { } reason && mode.OnlyChecksRows)
        {
            log.Error("Stopped part-way: {Reason}; {Checked} rows were checked, and the report lists them", reason, counts.Total);
        }
        else if (summary.StopReason is { } why)
        {
            log.Error("Stopped part-way: {Reason}; {NotSent} rows not sent, and the report lists every row", why, counts[Outcome.NotSent]);
        }
    }

    /// <summary>The settings a report's summary shows: what shaped the run, never the key (nor a password in the URL).</summary>
    private List<KeyValuePair<string, string>> SettingsInForce(RunOptions request) =>
    [
        new("dry run", request.DryRun ? "yes" : "no"),
        new("Liner:BaseUrl", settings.Liner.DisplayBaseUrl),
        new("Liner:UpdatePath", settings.Liner.UpdatePath),
        new("Liner:TimeoutSeconds", Invariant(settings.Liner.TimeoutSeconds)),
        new("Sending:Rps", Invariant(settings.Sending.Rps)),
        new("Sending:Concurrency", Invariant(settings.Sending.Concurrency)),
        new("Sending:Attempts", Invariant(settings.Sending.Attempts)),
        new("Input:FallbackEncoding", settings.Input.FallbackEncoding),
        new("Input:ClearMarker", settings.Input.ClearMarker),
        new("Input:TimeZone", settings.Input.TimeZone),
        new("Phone:DefaultRegion", settings.Phone.DefaultRegion),
        new("sheet", request.Sheet ?? ""),
    ];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
