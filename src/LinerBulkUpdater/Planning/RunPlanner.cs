using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Sending;
using Serilog;

namespace LinerBulkUpdater.Planning;

/// <summary>
/// Builds one input's <see cref="RunPlan"/>, refusing what would not work, each as a one-line
/// <see cref="UsageException"/>, in the order a user fixes them: outputs that would destroy the input or each other,
/// a column that maps to nothing, an earlier report or a baseline that does not fit the input. The same for
/// <c>run</c> and <c>check</c>; only the liner connection differs.
/// </summary>
internal sealed class RunPlanner(AppSettings settings, ILogger log)
{
    /// <param name="options">One file's options (<see cref="RunRules"/> already passed).</param>
    /// <param name="source">The input, opened; its header decides the columns.</param>
    /// <param name="startedAt">When the run started: the default report's and undo file's stamp.</param>
    /// <param name="liner">Opened only if the header needs Liner's custom fields (or the baseline's does).</param>
    /// <param name="lockPath">The run's lock: no output may be it, or the run's end would delete that output.</param>
    /// <exception cref="UsageException">What refuses the run.</exception>
    public async Task<RunPlan> PlanAsync(RunOptions options, IRowSource source, DateTimeOffset startedAt, LinerConnection liner, string lockPath)
    {
        var input = options.InputPath!;
        var reportPath = options.ReportPath ?? ReportWriters.DefaultPath(input, startedAt);
        var undoPath = options is { UndoPath: { } undo, Mode.WritesUndo: true } ? UndoFile.PathFor(undo, input, startedAt) : null;
        CheckOutputs(options, reportPath, undoPath, source.DataRowCount, lockPath);

        var custom = await CustomFieldsForAsync(source.Header, liner);
        var columns = ColumnMap.Build(Path.GetFileName(input), source.Header, settings.Mapping.Columns, ReportColumns.IgnoredIn(source.Header), custom, options.MatchBy);
        var rules = UndoFileFormat.RulesFor(source.Header, new FieldRules(settings.Rules));
        var resume = options.ResumePath is { } earlier ? Resume(earlier, source, columns) : null;
        var readsStatuses = columns.Fields.Any(column => ReferenceEquals(column.Field, LeadFields.Status));
        Baseline? baseline = null;
        if (options.BaselinePath is { } path)
        {
            using var file = RowSources.Open(path, settings.Input, settings.FallbackEncoding);
            // A baseline's status names are read by the list the input's need (the run reads it once, at its first name):
            // without it every named status would differ from the baseline and be sent again.
            var namesStatuses = readsStatuses && source.ReadRows().Any(row => StatusColumn.NamesStatus(row, StatusColumn.Of(columns), rules));
            var baselineRules = namesStatuses ? rules.With(new StatusNames(await liner.StatusesAsync())) : rules;
            baseline = Baseline.Load(file, settings.Mapping.Columns, baselineRules, custom ?? await CustomFieldsForAsync(file.Header, liner));
            log.Information("Baseline {File}: {Leads} leads; only fields that differ from it are sent", path, baseline.LeadCount);
        }

        var (mode, guard) = Applying(options, source, columns, rules);
        return new RunPlan(options, input, reportPath, undoPath, columns, rules, custom, readsStatuses, resume, baseline, mode, guard);
    }

    /// <summary>
    /// How this input is applied: as the options say, or, for an undo file, reading each lead first and, unless
    /// <c>--restore-all</c>, guarded by what its run set (CONTRACT §6). An undo file that does not record that (written
    /// before format 3) is applied only with <c>--restore-all</c>: it cannot tell a field the run set from one changed since.
    /// </summary>
    private (RunMode Mode, UndoGuard? Guard) Applying(RunOptions options, IRowSource source, ColumnMap columns, FieldRules rules)
    {
        var file = Path.GetFileName(options.InputPath!);
        if (!UndoFile.IsUndoFile(source.Header))
        {
            if (options.RestoreAll)
            {
                log.Warning("--restore-all applies an undo file, and {File} is not one (it has no undo_of column): the option changes nothing here", file);
            }

            return (options.Mode, null);
        }

        if (options.BaselinePath is not null)
        {
            throw new UsageException($"--baseline: {file} is an undo file, which is always compared with what Liner holds now; drop --baseline");
        }

        var guarded = UndoFileFormat.IsGuarded(source.Header);
        if (!guarded && !options.RestoreAll)
        {
            // Set: columns without the format's column: a file of this version someone edited, not an old one.
            throw new UsageException(source.Header.Any(UndoFileFormat.IsSetColumn)
                ? $"{file} has set: columns but no {UndoFileFormat.Column} column, which every undo file of this version ends with (it was taken out when the file was edited), so how its cells were written cannot be told; put the column back, last, with {UndoFileFormat.Version} in every row, or add --restore-all to put back every value it holds, over any change made since"
                : $"{file} is an undo file written before undo files recorded what the run set (it has no set: columns), so applying it cannot tell a field the run set from one changed since; add --restore-all to put back every value it holds, over any change made since");
        }

        var guards = guarded && !options.RestoreAll;
        return (options.Mode.ForUndoFile(guards), guards ? UndoGuard.Load(source, columns, rules) : null);
    }

    /// <summary>Outputs that would destroy the input or each other, or fail after requests went out, are refused now.</summary>
    private static void CheckOutputs(RunOptions options, string reportPath, string? undoPath, int dataRows, string lockPath)
    {
        // An undo file that exists is RunRules' refusal; in a folder PathFor names a new one. UndoFile opens it CreateNew all the same.
        // A folder run makes its undo folder when it starts (RunRules found it can be made): a check plans before that, and
        // a folder that is not there yet holds nothing of the user's to destroy.
        var checksUndo = undoPath is not null && Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(undoPath)));
        List<(string, string)> outputs = [.. OutputFiles.Of(reportPath, options.SummaryJsonPath), .. checksUndo ? new[] { ("--undo", undoPath!) } : []];
        OutputFiles.Check([.. OutputFiles.ReadBy(options), ("the run's lock", lockPath)], outputs);
        if (ReportWriters.IsWorkbook(reportPath) && dataRows > XlsxReportWriter.MaxRows)
        {
            throw new UsageException($"--report {reportPath}: {dataRows} rows do not fit in one Excel sheet ({XlsxReportWriter.MaxRows} at most); use a .csv report");
        }
    }

    /// <summary>An earlier report of this input (<c>--resume</c>): rows it says were updated are not sent again.</summary>
    private ResumeIndex Resume(string path, IRowSource input, ColumnMap columns)
    {
        // A killed run that was writing a workbook left its rows in the CSV beside it.
        var report = !File.Exists(path) && File.Exists(XlsxReportWriter.SidecarOf(path)) ? XlsxReportWriter.SidecarOf(path) : path;
        using var earlier = RowSources.Open(report, settings.Input, settings.FallbackEncoding, truncatedEndIsFine: true);
        var index = ResumeIndex.Load(earlier, input.Header, columns.LeadIdHeader, byKey: columns.MatchKey is not null);
        index.CheckAgainst(input, columns.LeadIdColumn);
        log.Information("Resuming from {Report}: {Rows} rows were updated there and are not sent again", report, index.UpdatedCount);
        return index;
    }

    /// <summary>
    /// Liner's custom fields, for header cells that are no API field; none when Liner cannot be read (no key or base
    /// URL): then those columns match nothing, and the column map says so, naming the nearest field and why.
    /// </summary>
    /// <returns>Null when every cell of <paramref name="header"/> is an update field, an alias or an ignored column: nothing to look up.</returns>
    private async Task<CustomFields?> CustomFieldsForAsync(IReadOnlyList<string> header, LinerConnection liner)
    {
        if (ColumnMap.Unmatched(header, settings.Mapping.Columns, ReportColumns.IgnoredIn(header)).Count == 0)
        {
            return null;
        }

        if (liner.WhyUnreadable() is { } why)
        {
            return CustomFields.NotRead($"custom fields are looked up in Liner, which needs the key and base URL: {why}");
        }

        return await liner.CustomFieldsAsync();
    }
}
