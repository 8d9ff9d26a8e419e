using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Sending;
using Serilog;

namespace LinerBulkUpdater;

/// <summary>
/// One run, wired end to end: open the input and map its header, refuse up front what cannot work
/// (<see cref="PreFlight"/>), then stream every row through <see cref="RowPipeline"/> into the report,
/// and close the run (<see cref="RunEnd"/>). Wiring only: each step's decisions live in its own type.
/// </summary>
/// <param name="live">On an interactive terminal, the status line progress is redrawn in; null when output is redirected.</param>
internal sealed class UpdateJob(AppSettings settings, ILogger log, TimeProvider time, LiveLine? live = null)
{
    /// <returns>How the run went, with its exit code.</returns>
    /// <exception cref="UsageException">Something refused before anything was sent.</exception>
    public async Task<RunSummary> RunAsync(UpdateRequest request, RunStop stop)
    {
        using var held = RunLock.Acquire(request.InputPath);
        using var source = RowSources.Open(request.InputPath, settings.Input, settings.FallbackEncoding, request.Sheet);
        var columns = ColumnMap.Build(Path.GetFileName(request.InputPath), source.Header, settings.Mapping.Columns, ReportColumns.Names);
        var rules = new FieldRules(settings.Rules);
        log.Information(
            "Read {File}: {Rows} data rows, {Format}, fields: {Fields}",
            request.InputPath, source.DataRowCount, source.Description, string.Join(", ", columns.Fields.Select(column => column.Field.Name)));

        var preFlight = new PreFlight(settings, log, time);
        var resume = request.ResumePath is null ? null : preFlight.Resume(request.ResumePath, source, columns);
        var baseline = request.BaselinePath is null ? null : preFlight.Baseline(request.BaselinePath, rules);
        var triage = new RowTriage(new LeadRowParser(columns, rules), resume, baseline, request.DryRun);
        var startedAt = time.GetUtcNow();
        var reportPath = request.ReportPath ?? ReportWriters.DefaultPath(request.InputPath, startedAt);
        PreFlight.CheckOutputs(request, reportPath, source.DataRowCount, held.Where);

        using var http = request.DryRun ? null : LinerClient.CreateHttpClient(settings.Liner, settings.Sending.Concurrency);
        using var limiter = new PacedRateLimiter(settings.Sending.Rps, time);
        var sender = http is null ? null : await ConnectAsync(preFlight, new LinerClient(http, settings.Liner, log, time), limiter, stop);
        if (sender is null)
        {
            log.Information("Dry run: nothing will be sent");
        }

        var started = time.GetTimestamp();
        await using var report = PreFlight.OpenReport(reportPath, source);
        var counts = new OutcomeCounts();
        using (RunProgress.Start(counts, source.DataRowCount, limiter, log, time, live))
        {
            await new RowPipeline(triage, sender, stop, settings.Sending.Concurrency, log).RunAsync(source.ReadRows(), report, counts);
        }

        live?.Clear();
        var end = new RunEnd(settings, log, time);
        return await end.FinishAsync(request, report, counts, stop, startedAt, time.GetElapsedTime(started), baseline is null ? null : triage.SavedByBaseline);
    }

    /// <summary>The health check, then the sender every row goes through; after a stop, requests in flight get the grace period.</summary>
    private async Task<LeadSender> ConnectAsync(PreFlight preFlight, LinerClient client, PacedRateLimiter limiter, RunStop stop)
    {
        await preFlight.CheckApiAsync(client, stop);
        var sender = LeadSender.Create(client, settings.Liner, settings.Sending, limiter, stop, log, time);
        stop.CutAfter(TimeSpan.FromSeconds(settings.Sending.GraceSeconds), time);
        log.Information(
            "Sending to {BaseUrl}: at most {Rps} requests/s, {Concurrency} in flight, {Attempts} attempts a row",
            settings.Liner.DisplayBaseUrl, settings.Sending.Rps == 0 ? "unlimited" : settings.Sending.Rps, settings.Sending.Concurrency, settings.Sending.Attempts);
        return sender;
    }
}
