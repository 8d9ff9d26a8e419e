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
        var columns = ColumnMap.Build(Path.GetFileName(request.InputPath), source.Header, settings.Mapping.Columns, ReportColumns.Recognised);
        var rules = UndoFile.IsUndoFile(source.Header) ? new FieldRules(settings.Rules).ForUndoFile() : new FieldRules(settings.Rules);
        log.Information(
            "Read {File}: {Rows} data rows, {Format}, fields: {Fields}",
            request.InputPath, source.DataRowCount, source.Description, string.Join(", ", columns.Fields.Select(column => column.Field.Name)));

        var preFlight = new PreFlight(settings, log, time);
        var resume = request.ResumePath is null ? null : preFlight.Resume(request.ResumePath, source, columns);
        var namesStatuses = StatusColumn.NamesStatuses(source.ReadRows(), columns, rules);
        var startedAt = time.GetUtcNow();
        var reportPath = request.ReportPath ?? ReportWriters.DefaultPath(request.InputPath, startedAt);
        var undoPath = request.UndoPath is null ? null : UndoFile.PathFor(request.UndoPath, request.InputPath, startedAt);
        PreFlight.CheckOutputs(request, reportPath, undoPath, source.DataRowCount, held.Where);

        // A dry run reads Liner when it must (status names, --live-diff), and never writes.
        var checks = request.Checks;
        var readsLiner = !request.DryRun || checks.ReadsAny || namesStatuses;
        using var http = readsLiner ? LinerClient.CreateHttpClient(PreFlight.CanRead(settings, request, namesStatuses), settings.Sending.Concurrency) : null;
        using var limiter = new PacedRateLimiter(settings.Sending.Rps, time);
        var sender = http is null ? null : await ConnectAsync(preFlight, new LinerClient(http, settings.Liner, log, time), limiter, stop, request.DryRun);
        if (namesStatuses && sender is not null)
        {
            rules = rules.With(await preFlight.StatusNamesAsync(sender, stop));
        }

        var baseline = request.BaselinePath is null ? null : preFlight.Baseline(request.BaselinePath, rules);
        var dryRunHere = request.DryRun && !checks.LiveDiff;
        var triage = new RowTriage(new LeadRowParser(columns, rules), resume, baseline, dryRunHere);
        if (request.DryRun)
        {
            log.Information(sender is null ? "Dry run: nothing will be sent" : "Dry run: Liner is read, nothing is written");
        }

        var started = time.GetTimestamp();
        await using var report = PreFlight.OpenReport(reportPath, source);
        using var undo = undoPath is null ? null : PreFlight.OpenUndo(undoPath, columns, rules, request.InputPath);
        var rows = sender is null || dryRunHere ? null : new RowSender(sender, checks, undo, rules, stop);
        var counts = new OutcomeCounts();
        using (RunProgress.Start(counts, source.DataRowCount, limiter, log, time, live))
        {
            await new RowPipeline(triage, rows, stop, settings.Sending.Concurrency, log).RunAsync(source.ReadRows(), report, counts);
        }

        live?.Clear();
        if (undo is not null)
        {
            log.Information("Undo file {Path}: {Rows} rows; liner-bulk run {Path} puts the changed fields back", undo.Path, undo.Rows, undo.Path);
        }

        var end = new RunEnd(settings, log, time);
        return await end.FinishAsync(request, report, counts, stop, startedAt, time.GetElapsedTime(started), baseline is null ? null : triage.SavedByBaseline, limiter);
    }

    /// <summary>The health check, then the sender every request goes through; after a stop, requests in flight get the grace period.</summary>
    private async Task<LeadSender> ConnectAsync(PreFlight preFlight, LinerClient client, PacedRateLimiter limiter, RunStop stop, bool readOnly)
    {
        await preFlight.CheckApiAsync(client, stop);
        var sender = LeadSender.Create(client, settings.Liner, settings.Sending, limiter, stop, log, time);
        stop.CutAfter(TimeSpan.FromSeconds(settings.Sending.GraceSeconds), time);
        var rps = settings.Sending.Rps == 0 ? "unlimited" : settings.Sending.Rps.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (readOnly)
        {
            log.Information("Reading from {BaseUrl}: at most {Rps} requests/s, {Concurrency} in flight", settings.Liner.DisplayBaseUrl, rps, settings.Sending.Concurrency);
        }
        else
        {
            log.Information(
                "Sending to {BaseUrl}: at most {Rps} requests/s, {Concurrency} in flight, {Attempts} attempts a request",
                settings.Liner.DisplayBaseUrl, rps, settings.Sending.Concurrency, settings.Sending.Attempts);
        }

        return sender;
    }
}
