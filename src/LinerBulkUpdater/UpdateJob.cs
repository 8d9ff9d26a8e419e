using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Sending;
using PhoneNumbers;
using Serilog;

namespace LinerBulkUpdater;

/// <summary>What <c>liner-bulk run</c> was asked to do.</summary>
internal sealed record UpdateRequest(
    string InputPath,
    string? ReportPath,
    bool DryRun,
    string? Sheet = null,
    string? ResumePath = null,
    string? BaselinePath = null,
    string? SummaryJsonPath = null);

/// <summary>
/// One run, wired end to end: open the input, map its header, check the API, then stream every row
/// through <see cref="RowPipeline"/> into the report. Everything that can be refused up front is
/// refused here, before the first request, as a <see cref="UsageException"/>.
/// </summary>
/// <param name="live">On an interactive terminal, the status line progress is redrawn in; null when output is redirected.</param>
internal sealed class UpdateJob(AppSettings settings, ILogger log, TimeProvider time, LiveLine? live = null)
{
    // Redirected output (a log file, cron) gets a plain line every 10 s; a terminal, a live line every second.
    private static readonly TimeSpan ProgressLogged = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ProgressShown = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(UpdateRequest request, RunStop stop)
    {
        using var held = RunLock.Acquire(request.InputPath);
        using var source = RowSources.Open(request.InputPath, settings.Input, request.Sheet);
        var inputName = Path.GetFileName(request.InputPath);
        var columns = ColumnMap.Build(inputName, source.Header, settings.Mapping.Columns, ReportColumns.Names);
        var rules = new FieldRules(FieldRulesFrom(settings));
        var parser = new LeadRowParser(columns, rules);
        log.Information(
            "Read {File}: {Rows} data rows, {Format}, fields: {Fields}",
            request.InputPath, source.DataRowCount, source.Description, string.Join(", ", columns.Fields.Select(column => column.Field.Name)));

        var resume = request.ResumePath is null ? null : LoadResume(request.ResumePath, source, columns);
        var baseline = request.BaselinePath is null ? null : LoadBaseline(request.BaselinePath, rules);
        var triage = new RowTriage(parser, resume, baseline, request.DryRun);
        var startedAt = time.GetUtcNow();
        var reportPath = request.ReportPath ?? ReportWriters.DefaultPath(request.InputPath, startedAt);
        CheckReportPath(reportPath, request.InputPath);
        if (ReportWriters.IsWorkbook(reportPath) && source.DataRowCount > XlsxReportWriter.MaxRows)
        {
            throw new UsageException($"--report {reportPath}: {source.DataRowCount} rows do not fit in one Excel sheet ({XlsxReportWriter.MaxRows} at most); use a .csv report");
        }

        if (!request.DryRun)
        {
            settings.Liner.ValidateForSending();
        }

        using var http = request.DryRun ? null : LinerClient.CreateHttpClient(settings.Liner, settings.Sending.Concurrency);
        using var limiter = new PacedRateLimiter(settings.Sending.Rps, time);
        LeadSender? sender = null;
        if (http is not null)
        {
            var client = new LinerClient(http, settings.Liner, log, time);
            await CheckApiAsync(client, stop);
            sender = LeadSender.Create(client, settings.Liner, settings.Sending, limiter, stop, log, time);
            stop.CutAfter(TimeSpan.FromSeconds(settings.Sending.GraceSeconds), time);
            log.Information(
                "Sending to {BaseUrl}: at most {Rps} requests/s, {Concurrency} in flight, {Attempts} attempts a row",
                settings.Liner.DisplayBaseUrl, settings.Sending.Rps == 0 ? "unlimited" : settings.Sending.Rps, settings.Sending.Concurrency, settings.Sending.Attempts);
        }
        else
        {
            log.Information("Dry run: nothing will be sent");
        }

        var started = time.GetTimestamp();
        await using var report = ReportWriters.Create(reportPath, source.Header, source is CsvRowSource csv ? csv.Delimiter : ',');
        var pipeline = new RowPipeline(triage, sender, stop, settings.Sending.Concurrency, log);
        var counts = new OutcomeCounts();
        var every = live is null ? ProgressLogged : ProgressShown;
        using (time.CreateTimer(_ => ShowProgress(counts, source.DataRowCount, started, limiter), null, every, every))
        {
            await pipeline.RunAsync(source.ReadRows(), report.Write, report.Flush, counts);
        }

        live?.Clear();

        var elapsed = time.GetElapsedTime(started);
        var summary = new RunSummary(
            request.InputPath, report.Path, startedAt, time.GetUtcNow(), counts, ExitCodeOf(counts, stop), stop.IsStopped ? stop.Reason : null,
            SettingsInForce(request), triage.SavedByBaseline);
        await CompleteAsync(report, summary);
        if (request.SummaryJsonPath is not null)
        {
            SummaryJson.Write(request.SummaryJsonPath, summary);
        }

        LogSummary(summary, elapsed, request, baseline is not null);
        return summary.ExitCode;
    }

    private void ShowProgress(OutcomeCounts counts, int total, long started, PacedRateLimiter limiter)
    {
        var done = counts.Total;
        var elapsed = time.GetElapsedTime(started);
        var rate = done / Math.Max(elapsed.TotalSeconds, 0.001);
        var left = TimeSpan.FromSeconds(rate > 0 ? (total - done) / rate : 0);
        var backoff = limiter.IsPaused ? "; paused: the API asked us to slow down" : "";
        if (live is not null)
        {
            live.Show(FormattableString.Invariant($"{done} of {total} rows ({100.0 * done / Math.Max(total, 1):0}%), {rate:0.0} rows/s, about {left:hh\\:mm\\:ss} left; {counts}{backoff}"));
            return;
        }

        log.Information(
            "Progress: {Done} of {Total} rows, {Rate:0.0} rows/s, about {Left:hh\\:mm\\:ss} left; {Counts}{Backoff}",
            done, total, rate, left, counts.ToString(), backoff);
    }

    /// <summary>The final table, one outcome a line: plain text, so it reads the same in a terminal and in a log.</summary>
    private static string OutcomeTable(OutcomeCounts counts)
    {
        var table = new System.Text.StringBuilder();
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            table.AppendLine().Append(System.Globalization.CultureInfo.InvariantCulture, $"  {outcome.ToReportName(),-10} {counts[outcome],10}");
        }

        return table.AppendLine().Append(System.Globalization.CultureInfo.InvariantCulture, $"  {"total",-10} {counts.Total,10}").ToString();
    }

    private static int ExitCodeOf(OutcomeCounts counts, RunStop stop) =>
        stop.IsStopped ? ExitCodes.Stopped
        : counts[Outcome.Failed] + counts[Outcome.Invalid] > 0 ? ExitCodes.SomeRowsFailed
        : ExitCodes.Success;

    private async Task CompleteAsync(IReportWriter report, RunSummary summary)
    {
        try
        {
            await report.CompleteAsync(summary);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // Every row is already in the CSV the workbook is built from; say where, rather than lose the run.
            log.Error("Could not write the workbook {Report}: {Reason}. Every row is in the CSV beside it, {Partial}", report.Path, exception.Message, report.Path + ".partial.csv");
        }
    }

    private void LogSummary(RunSummary summary, TimeSpan elapsed, UpdateRequest request, bool withBaseline)
    {
        var counts = summary.Counts;
        log.Information(
            "Done in {Elapsed:0.0} s: {Counts}; {Rate:0.0} requests/s. Report: {Report}",
            elapsed.TotalSeconds, counts.ToString(), (counts[Outcome.Updated] + counts[Outcome.Failed]) / Math.Max(elapsed.TotalSeconds, 0.001), summary.ReportPath);
        log.Information("Outcomes:{Table}", OutcomeTable(counts));
        if (withBaseline)
        {
            log.Information("The baseline saved {Saved} requests: leads with nothing different", summary.SavedByBaseline);
        }

        if (request.DryRun && settings.Sending.Rps > 0)
        {
            log.Information(
                "A real run would send {Rows} requests: about {Minutes:0.#} min at {Rps} requests/s",
                counts[Outcome.DryRun], counts[Outcome.DryRun] / (double)settings.Sending.Rps / 60, settings.Sending.Rps);
        }

        if (summary.StopReason is { } reason)
        {
            log.Error("Stopped part-way: {Reason}; {NotSent} rows not sent, and the report lists every row", reason, counts[Outcome.NotSent]);
        }
    }

    /// <summary>An earlier report of this input: rows it says were updated are not sent again.</summary>
    private ResumeIndex LoadResume(string path, IRowSource input, ColumnMap columns)
    {
        // A killed run that was writing a workbook left its rows in the CSV beside it.
        var report = !File.Exists(path) && File.Exists(path + ".partial.csv") ? path + ".partial.csv" : path;
        using var earlier = RowSources.Open(report, settings.Input, sheet: null, truncatedEndIsFine: true);
        var index = ResumeIndex.Load(earlier, input.Header, columns.LeadIdHeader);
        index.CheckAgainst(input, columns.LeadIdColumn);
        log.Information("Resuming from {Report}: {Rows} rows were updated there and are not sent again", report, index.UpdatedCount);
        return index;
    }

    private Baseline LoadBaseline(string path, FieldRules rules)
    {
        using var source = RowSources.Open(path, settings.Input, sheet: null);
        var baseline = Baseline.Load(source, settings.Mapping.Columns, rules);
        log.Information("Baseline {File}: {Leads} leads; only fields that differ from it are sent", path, baseline.LeadCount);
        return baseline;
    }

    /// <summary>The settings a report's summary shows: what shaped the run, never the key (nor a password in the URL).</summary>
    private List<KeyValuePair<string, string>> SettingsInForce(UpdateRequest request)
    {
        return
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
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Validates the settings the field rules need, so a typo in them stops the run up front.</summary>
    public static FieldRulesOptions FieldRulesFrom(AppSettings settings)
    {
        var region = settings.Phone.DefaultRegion.Trim().ToUpperInvariant();
        if (!PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(region))
        {
            throw new UsageException($"settings: Phone:DefaultRegion '{settings.Phone.DefaultRegion}' is not a region code such as RU, KZ or BY");
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(settings.Input.TimeZone);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new UsageException($"settings: Input:TimeZone '{settings.Input.TimeZone}' is not a known time zone; use e.g. UTC or Europe/Moscow");
        }

        return new FieldRulesOptions(region, settings.Input.ClearMarker.Trim(), zone);
    }

    /// <summary>One health check before the first row: a wrong URL or a refused key costs one request, not a report full of failures.</summary>
    private async Task CheckApiAsync(LinerClient client, RunStop stop)
    {
        AttemptResult answer;
        try
        {
            answer = await client.CheckHealthAsync(stop.Sending).WaitAsync(TimeSpan.FromSeconds(settings.Liner.TimeoutSeconds), time, stop.Sending);
        }
        catch (OperationCanceledException) when (stop.IsStopped)
        {
            // Stopped before the first row: every row goes in the report as not_sent.
            return;
        }
        catch (HttpRequestException exception)
        {
            throw new UsageException($"cannot reach the Liner API at {settings.Liner.DisplayBaseUrl}: {exception.Message}");
        }
        catch (TimeoutException)
        {
            throw new UsageException($"the Liner API at {settings.Liner.DisplayBaseUrl} did not answer the health check within {settings.Liner.TimeoutSeconds} s");
        }

        switch (answer)
        {
            case { Succeeded: true }:
                log.Debug("Health check passed");
                return;
            case { HttpStatus: 401 or 403 }:
                throw new UsageException($"the Liner API refused the API key (HTTP {answer.HttpStatus}): check {AppSettings.ApiKeyVariable}");
            case { HttpStatus: 404 }:
                throw new UsageException($"{settings.Liner.DisplayBaseUrl}{settings.Liner.HealthPath} answered 404: is Liner:BaseUrl the Liner API?");
            default:
                throw new UsageException($"the Liner API at {settings.Liner.DisplayBaseUrl} failed its health check (HTTP {answer.HttpStatus}): {answer.Error}");
        }
    }

    /// <summary>Refused up front what would otherwise fail after requests went out, or destroy the input.</summary>
    private static void CheckReportPath(string reportPath, string inputPath)
    {
        var report = Path.GetFullPath(reportPath);
        if (report == Path.GetFullPath(inputPath) || report + ".partial.csv" == Path.GetFullPath(inputPath))
        {
            throw new UsageException($"--report {reportPath} is the input itself; writing it would destroy the input");
        }

        if (!Directory.Exists(Path.GetDirectoryName(report)))
        {
            throw new UsageException($"--report {reportPath}: the folder does not exist");
        }
    }

}
