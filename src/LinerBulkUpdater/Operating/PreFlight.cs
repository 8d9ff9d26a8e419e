using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Sending;
using Serilog;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// Everything a run refuses before its first row is sent, each as a one-line <see cref="UsageException"/>:
/// an earlier report or a baseline that does not fit the input, a report that would destroy the input or
/// cannot be written, an API that cannot be reached or refuses the key.
/// </summary>
internal sealed class PreFlight(AppSettings settings, ILogger log, TimeProvider time)
{
    /// <summary>An earlier report of this input (<c>--resume</c>): rows it says were updated are not sent again.</summary>
    public ResumeIndex Resume(string path, IRowSource input, ColumnMap columns)
    {
        // A killed run that was writing a workbook left its rows in the CSV beside it.
        var report = !File.Exists(path) && File.Exists(XlsxReportWriter.SidecarOf(path)) ? XlsxReportWriter.SidecarOf(path) : path;
        using var earlier = RowSources.Open(report, settings.Input, settings.FallbackEncoding, truncatedEndIsFine: true);
        var index = ResumeIndex.Load(earlier, input.Header, columns.LeadIdHeader);
        index.CheckAgainst(input, columns.LeadIdColumn);
        log.Information("Resuming from {Report}: {Rows} rows were updated there and are not sent again", report, index.UpdatedCount);
        return index;
    }

    /// <summary>Last time's export (<c>--baseline</c>): only fields that differ from it are sent.</summary>
    /// <param name="custom">The custom fields the input's header needed; read now if only the baseline's needs them.</param>
    public async Task<Baseline> BaselineAsync(UpdateRequest request, string path, FieldRules rules, CustomFields? custom, LinerConnection liner)
    {
        using var source = RowSources.Open(path, settings.Input, settings.FallbackEncoding);
        custom ??= await CustomFieldsForAsync(source.Header, request, liner);
        var baseline = Operating.Baseline.Load(source, settings.Mapping.Columns, rules, custom);
        log.Information("Baseline {File}: {Leads} leads; only fields that differ from it are sent", path, baseline.LeadCount);
        return baseline;
    }

    /// <summary>Outputs that would destroy the input or each other, or fail after requests went out, are refused now.</summary>
    /// <param name="lockPath">The run's lock, held open while it runs: no output may be it, or the run's end would delete that output.</param>
    /// <param name="undoPath">The undo file this run would write (<c>--undo</c>), which must not exist yet.</param>
    public static void CheckOutputs(UpdateRequest request, string reportPath, string? undoPath, int dataRows, string lockPath)
    {
        if (undoPath is not null && (File.Exists(undoPath) || Directory.Exists(undoPath)))
        {
            throw new UsageException($"--undo {undoPath} already exists: an undo file is never written over (a resumed run writes a new one); give a new file name, or a folder");
        }

        List<(string, string)> outputs = [.. OutputFiles.Of(reportPath, request.SummaryJsonPath), .. undoPath is null ? [] : new[] { ("--undo", undoPath) }];
        OutputFiles.Check([.. OutputFiles.ReadBy(request), ("the run's lock", lockPath)], outputs);
        if (ReportWriters.IsWorkbook(reportPath) && dataRows > XlsxReportWriter.MaxRows)
        {
            throw new UsageException($"--report {reportPath}: {dataRows} rows do not fit in one Excel sheet ({XlsxReportWriter.MaxRows} at most); use a .csv report");
        }
    }

    /// <summary>The report, opened before the first update: a disk that is full or a file that cannot be made is exit 2, nothing sent.</summary>
    public static IReportWriter OpenReport(string reportPath, IRowSource source)
    {
        try
        {
            return ReportWriters.Create(reportPath, source.Header, source is CsvRowSource csv ? csv.Delimiter : ',');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--report {reportPath}: cannot be written: {exception.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>Why a dry run reads Liner: the status column names statuses.</summary>
    public const string ReadsStatuses = "the file names statuses by code or title, so Liner's status list is read";

    /// <summary>Why a dry run reads Liner: <c>--live-diff</c>.</summary>
    public const string ReadsLeads = "--live-diff reads each lead from Liner";

    /// <summary>The Liner settings a run that reads or writes needs; a dry run that must read says <paramref name="why"/> it needs them.</summary>
    /// <exception cref="UsageException">No base URL or no key.</exception>
    public static LinerOptions CanRead(AppSettings settings, UpdateRequest request, string why)
    {
        try
        {
            settings.Liner.CheckCanSend();
            return settings.Liner;
        }
        catch (UsageException exception) when (request.DryRun)
        {
            throw new UsageException($"a dry run writes nothing, but {why}: {exception.Message}");
        }
    }

    /// <summary>
    /// Liner's custom fields, for header cells that are no API field; none when Liner cannot be read (no key or base
    /// URL): then those columns match nothing, and the column map says so, naming the nearest field and why.
    /// </summary>
    /// <returns>Null when every cell of <paramref name="header"/> is an update field, an alias or an ignored column: nothing to look up.</returns>
    public async Task<CustomFields?> CustomFieldsForAsync(IReadOnlyList<string> header, UpdateRequest request, LinerConnection liner)
    {
        if (ColumnMap.Unmatched(header, settings.Mapping.Columns, ReportColumns.IgnoredIn(header)).Count == 0)
        {
            return null;
        }

        try
        {
            settings.Liner.CheckCanSend();
        }
        catch (UsageException exception)
        {
            return CustomFields.NotRead($"custom fields are looked up in Liner, which needs the key and base URL: {exception.Message}");
        }

        // Without the list no column maps, so a list that cannot be read (the run stopped meanwhile included) is exit 2.
        var custom = await CustomFieldList.ReadAsync(await liner.OpenAsync(settings.Liner, request.DryRun), settings.Liner.CustomFieldListPath);
        log.Information("Read Liner's custom fields: {Leads} of leads, {All} in all", custom.OfLeads.Count(), custom.All.Count);
        return custom;
    }

    /// <summary>Liner's status list, read once through the run's sender, for the codes and titles in the status column.</summary>
    public async Task<StatusNames> StatusNamesAsync(LeadSender sender, RunStop stop)
    {
        IReadOnlyList<LeadStatus> statuses;
        try
        {
            statuses = await StatusList.ReadAsync(sender, settings.Liner.StatusListPath);
        }
        catch (UsageException) when (stop.IsStopped)
        {
            // Ctrl+C (or a refused key) while it was read: the run goes on to report every row, none sent.
            return StatusNames.Unread(stop.Reason);
        }

        log.Information("Read Liner's lead statuses: {Count}; the status column's codes and titles are read as their ids", statuses.Count);
        return new StatusNames(statuses);
    }

    /// <summary>The undo file, created before the first update: one that cannot be made is exit 2, nothing sent.</summary>
    public static UndoFile OpenUndo(string undoPath, ColumnMap columns, FieldRules rules, string inputPath)
    {
        try
        {
            // The map's order: the API's fields, then the custom ones.
            return new UndoFile(undoPath, [.. columns.Fields.Select(column => column.Field)], rules, Path.GetFileName(inputPath));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--undo {undoPath}: cannot be written: {exception.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>One health check before the first row: a wrong URL or a refused key costs one request, not a report full of failures.</summary>
    public async Task CheckApiAsync(LinerClient client, RunStop stop)
    {
        var liner = settings.Liner;
        AttemptResult answer;
        try
        {
            answer = await client.CheckHealthAsync(stop.Sending).WaitAsync(TimeSpan.FromSeconds(liner.TimeoutSeconds), time, stop.Sending);
        }
        catch (OperationCanceledException) when (stop.IsStopped)
        {
            // Stopped before the first row: every row goes in the report as not_sent.
            return;
        }
        catch (HttpRequestException exception)
        {
            throw new UsageException($"cannot reach the Liner API at {liner.DisplayBaseUrl}: {exception.Message}");
        }
        catch (TimeoutException)
        {
            throw new UsageException($"the Liner API at {liner.DisplayBaseUrl} did not answer the health check within {liner.TimeoutSeconds} s");
        }

        switch (answer)
        {
            case { Succeeded: true }:
                log.Debug("Health check passed");
                return;
            case { HttpStatus: 401 or 403 }:
                throw new UsageException($"the Liner API refused the API key (HTTP {answer.HttpStatus}): check {LinerOptions.ApiKeyVariable}");
            case { HttpStatus: 404 }:
                throw new UsageException($"{liner.DisplayBaseUrl}{liner.HealthPath} answered 404: is Liner:BaseUrl the Liner API?");
            default:
                throw new UsageException($"the Liner API at {liner.DisplayBaseUrl} failed its health check (HTTP {answer.HttpStatus}): {answer.Error}");
        }
    }
}
