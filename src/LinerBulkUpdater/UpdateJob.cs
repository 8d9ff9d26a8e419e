using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Planning;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Sending;
using Serilog;

namespace LinerBulkUpdater;

/// <summary>
/// One input's run, wired end to end: open the input, plan the run (<see cref="RunPlanner"/>: what it reads, compares,
/// writes, and what it refuses up front), then stream every row through <see cref="RowPipeline"/> into the report, and
/// close the run (<see cref="RunEnd"/>). Wiring only: every decision is the plan's, or its own type's.
/// </summary>
/// <param name="exitCodeOf">The CLI's reading of a run's outcomes as an exit code (<see cref="ExitCodes.Of"/>).</param>
/// <param name="live">On an interactive terminal, the status line progress is redrawn in; null when output is redirected.</param>
/// <param name="watch">Told where the run is each second (<see cref="ProgressFacts"/>): the page of <c>liner-bulk ui</c>; null for none.</param>
internal sealed class UpdateJob(AppSettings settings, ILogger log, TimeProvider time, Func<OutcomeCounts, bool, int> exitCodeOf, LiveLine? live = null, Action<ProgressFacts>? watch = null)
{
    // One sweep for the whole run: every file of a folder run finds its leads in it.
    private readonly MatchIndex _match = new(settings, log, time, live);

    /// <param name="options">One file's options, past <see cref="RunRules"/>.</param>
    /// <returns>How the run went, with its exit code.</returns>
    /// <exception cref="UsageException">Something refused before anything was sent.</exception>
    public async Task<RunSummary> RunAsync(RunOptions options, RunStop stop)
    {
        var input = options.InputPath!;
        using var held = RunLock.Acquire(input);
        using var source = RowSources.Open(input, settings.Input, settings.FallbackEncoding, options.Sheet, lastRecordOf: UndoFileFormat.LastRecordOf);
        if (source.CutOffLine > 0)
        {
            log.Warning("{File}: line {Line}, its last row, was cut short where the undo file was written (a full disk, a power cut): it is not applied; every whole row before it is", input, source.CutOffLine);
        }

        var startedAt = time.GetUtcNow();
        using var peers = settings.Sending.CoordinateLocally && options.Mode.RowsReachLiner
            ? KeyPaceFiles.Join(settings.Liner.BaseUrl, settings.Liner.ApiKey ?? "", time, LockPlaces.OfThisUser())
            : null;
        using var limiter = new PacedRateLimiter(settings.Sending.Rps, time, peers);
        using var liner = new LinerConnection(settings, options.Mode.Writes, limiter, stop, log, time);
        var plan = await new RunPlanner(settings, log).PlanAsync(options, source, startedAt, liner, held.Where);
        log.Information(
            "Read {File}: {Rows} data rows, {Format}, fields: {Fields}",
            input, source.DataRowCount, source.Description, string.Join(", ", plan.Columns.Fields.Select(column => column.Field.Name)));

        var mode = plan.Mode;
        var sender = mode.RowsReachLiner ? await liner.OpenAsync(LinerConnection.ForLeads) : null;
        var (rules, statuses) = StatusesOnDemand(plan, liner, stop);
        var index = plan.Columns.MatchKey is { } key ? await _match.GetAsync(options, key, plan.Rules, liner) : default;
        var triage = plan.Triage(rules, dryRun: mode.OnlyChecksRows, index);
        if (!mode.Writes)
        {
            log.Information(sender is null ? "Dry run: nothing will be sent" : "Dry run: Liner is read, nothing is written");
        }

        var started = time.GetTimestamp();
        await using var report = RunFiles.OpenReport(plan.ReportPath, source, matched: plan.Columns.MatchKey is not null);
        using var undo = plan.UndoPath is null ? null : RunFiles.OpenUndo(plan.UndoPath, plan.Columns, rules, input);
        var rows = sender is null ? null : new RowSender(sender, mode, undo, plan.Guard, rules, stop);
        var pipeline = new RowPipeline(triage, rows, stop, settings.Sending.Concurrency, log, statuses, new NumberColumns(zerosGuarded: mode.ReadsBefore));
        var counts = new OutcomeCounts();
        using (RunProgress.Start(counts, source.DataRowCount, limiter, log, time, live))
        using (RunProgress.Watch(counts, source.DataRowCount, limiter, time, watch))
        {
            await pipeline.RunAsync(source.ReadRows(), report, counts);
        }

        live?.Clear();
        if (index.Unavailable is { } unswept)
        {
            // Every row was reported not_sent; the run ends as a stopped one (exit 3).
            stop.Stop(unswept);
        }

        if (undo is not null)
        {
            log.Information("Undo file {Path}: {Rows} rows; liner-bulk run {Path} puts the changed fields back", undo.Path, undo.Rows, undo.Path);
        }

        var summary = await new RunEnd(settings, log, time, exitCodeOf).FinishAsync(plan, report, counts, stop, startedAt, time.GetElapsedTime(started), triage.SavedByBaseline, limiter);
        return pipeline.Refusal is { } refusal ? throw new UsageException(refusal) : summary;
    }

    /// <summary>The plan's rules, with status names read at the first that needs them when the input has a status column.</summary>
    private static (FieldRules Rules, StatusListOnDemand? Statuses) StatusesOnDemand(RunPlan plan, LinerConnection liner, RunStop stop)
    {
        if (!plan.ReadsStatusList)
        {
            return (plan.Rules, null);
        }

        var names = StatusNames.Pending();
        var rules = plan.Rules.With(names);
        return (rules, new StatusListOnDemand(names, StatusColumn.Of(plan.Columns), rules, liner, stop));
    }
}
