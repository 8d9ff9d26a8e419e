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
        var startedAt = time.GetUtcNow();
        var reportPath = request.ReportPath ?? ReportWriters.DefaultPath(request.InputPath, startedAt);
        var undoPath = request.UndoPath is null ? null : UndoFile.PathFor(request.UndoPath, request.InputPath, startedAt);
        PreFlight.CheckOutputs(request, reportPath, undoPath, source.DataRowCount, held.Where);

        // Liner is connected to on the first need: custom fields to map the header, status names, a live diff, a real run.
        var preFlight = new PreFlight(settings, log, time);
        using var limiter = new PacedRateLimiter(settings.Sending.Rps, time);
        using var liner = new LinerConnection(settings, preFlight, limiter, stop, log, time);
        var custom = await preFlight.CustomFieldsForAsync(source.Header, request, liner);
        var columns = ColumnMap.Build(Path.GetFileName(request.InputPath), source.Header, settings.Mapping.Columns, ReportColumns.IgnoredIn(source.Header), custom);
        var rules = UndoFile.IsUndoFile(source.Header) ? new FieldRules(settings.Rules).ForUndoFile() : new FieldRules(settings.Rules);
        log.Information(
            "Read {File}: {Rows} data rows, {Format}, fields: {Fields}",
            request.InputPath, source.DataRowCount, source.Description, string.Join(", ", columns.Fields.Select(column => column.Field.Name)));

        var resume = request.ResumePath is null ? null : preFlight.Resume(request.ResumePath, source, columns);
        var namesStatuses = StatusColumn.NamesStatuses(source.ReadRows(), columns, rules);

        // A dry run reads Liner when it must (custom fields, status names, --live-diff), and never writes.
        var checks = request.Checks;
        var readsLiner = !request.DryRun || checks.ReadsAny || namesStatuses;
        var sender = readsLiner
            ? await liner.OpenAsync(PreFlight.CanRead(settings, request, namesStatuses ? PreFlight.ReadsStatuses : PreFlight.ReadsLeads), request.DryRun)
            : liner.Sender;
        if (namesStatuses && sender is not null)
        {
            rules = rules.With(await preFlight.StatusNamesAsync(sender, stop));
        }

        var baseline = request.BaselinePath is null ? null : await preFlight.BaselineAsync(request, request.BaselinePath, rules, custom, liner);
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
}
