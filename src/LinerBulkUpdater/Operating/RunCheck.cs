using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Sending;
using Serilog.Core;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// <c>liner-bulk check</c>: what a scheduled run with these settings would meet, one line a step, in the
/// order a run meets it, writing nothing. Each step uses the run's own code (<see cref="PreFlight"/>,
/// <see cref="StatusList"/>, <see cref="OutputFiles"/>, <see cref="InputCheck"/>), so a check and a run
/// cannot disagree. What would refuse the run is a <see cref="UsageException"/>, as in the run.
/// </summary>
/// <param name="againstSandbox">The settings point at the embedded stand-in (<c>--sandbox</c>), whose key a run uses when none is set.</param>
internal sealed class RunCheck(AppSettings settings, CliHost host, bool againstSandbox)
{
    private const int LabelWidth = 15;

    /// <returns><see cref="ExitCodes.SomeRowsFailed"/> when the run would end so (invalid rows, a folder's refused file), else <see cref="ExitCodes.Success"/>: for the last line.</returns>
    /// <exception cref="UsageException">What would refuse the run, naming it.</exception>
    public async Task<int> RunAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        var liner = settings.Liner;
        Say("settings", $"valid ({string.Join(", ", Layers(request))})");
        liner.CheckCanSend();
        using var http = LinerClient.CreateHttpClient(liner, concurrency: 1);
        using var limiter = new PacedRateLimiter(settings.Sending.Rps, host.Clock);
        using var stop = new RunStop();
        using var onInterrupt = cancellationToken.Register(() => stop.Cut("stopped by Ctrl+C"));
        var client = new LinerClient(http, liner, Logger.None, host.Clock);
        await new PreFlight(settings, Logger.None, host.Clock).CheckApiAsync(client, stop);
        cancellationToken.ThrowIfCancellationRequested();
        Say("base URL", $"{liner.DisplayBaseUrl}: reachable");
        Say("API key", "accepted (health check)");

        var sender = LeadSender.Create(client, liner, settings.Sending, limiter, stop, Logger.None, host.Clock);
        var (statuses, unread) = await StatusesAsync(sender);
        var custom = await CustomFieldsAsync(sender);
        cancellationToken.ThrowIfCancellationRequested();
        var sending = settings.Sending;
        var rps = sending.Rps == 0 ? "no limit on requests a second" : $"at most {sending.Rps} requests/s";
        Say("pace", $"{rps}, {sending.Concurrency} in flight, {sending.Attempts} attempts a request");

        Outputs(request);
        Logs();
        return request.InputPath is { } input ? Inputs(input, request.Sheet, statuses, unread, custom) : ExitCodes.Success;
    }

    private void Say(string label, string text) => host.Out.WriteLine($"{label.PadRight(LabelWidth)}{text}");

    private IEnumerable<string> Layers(CheckRequest request)
    {
        yield return File.Exists(Path.Combine(host.ProgramDirectory, "appsettings.json")) ? "appsettings.json beside the program" : "no appsettings.json beside the program";
        if (request.ConfigPath is { } config)
        {
            yield return $"--config {config}";
        }

        yield return host.Environment.ContainsKey(LinerOptions.ApiKeyVariable) ? $"the key from {LinerOptions.ApiKeyVariable}"
            : againstSandbox ? "the key from the settings, or the sandbox's" : "the key from the settings";
    }

    private async Task<(IReadOnlyList<LeadStatus>? Statuses, string Unread)> StatusesAsync(LeadSender sender)
    {
        try
        {
            var statuses = await StatusList.ReadAsync(sender, settings.Liner.StatusListPath);
            Say("statuses", $"{statuses.Count} readable");
            return (statuses, "");
        }
        catch (UsageException exception)
        {
            // Not a refusal by itself: a run reads the list only when the status column names statuses.
            Say("statuses", $"not readable: {exception.Message} (a run needs them only for status codes or titles)");
            return (null, exception.Message);
        }
    }

    /// <summary>Liner's custom fields, as a run reads them; not a refusal by itself: a run reads them only for custom-field columns.</summary>
    private async Task<CustomFields> CustomFieldsAsync(LeadSender sender)
    {
        try
        {
            var custom = await CustomFieldList.ReadAsync(sender, settings.Liner.CustomFieldListPath);
            Say("custom fields", $"{custom.OfLeads.Count()} of leads readable");
            return custom;
        }
        catch (UsageException exception)
        {
            Say("custom fields", $"not readable: {exception.Message} (a run needs them only for custom-field columns)");
            return CustomFields.NotRead($"Liner's custom fields could not be read: {exception.Message}");
        }
    }

    /// <summary>The report (or a folder's reports, and its done/ and failed/), and --summary-json: refused now as the run would refuse them.</summary>
    private void Outputs(CheckRequest request)
    {
        var reads = request.ConfigPath is { } config ? new List<(string, string)> { ("--config", config) } : [];
        var json = request.SummaryJsonPath;
        if (request.InputPath is { } folder && Directory.Exists(folder))
        {
            if (request.ReportPath is not null)
            {
                throw new UsageException("--report names one file's report; with a folder each file gets its own, beside it");
            }

            foreach (var place in new[] { folder, Path.Combine(folder, "done"), Path.Combine(folder, "failed") })
            {
                if (FolderProbe.WhyNotWritable(place) is { } why)
                {
                    throw new UsageException($"reports: {place} is not writable ({why}): a folder run writes each file's report beside it and moves the file to done/ or failed/");
                }
            }

            Say("reports", $"beside each file in {folder}, then moved with it to done/ or failed/: writable");
        }
        else if (request.InputPath is { } file)
        {
            var report = request.ReportPath ?? ReportWriters.DefaultPath(file, host.Clock.GetUtcNow());
            OutputFiles.Check([("the input", file), .. reads], OutputFiles.Of(report, null));
            Say("report", request.ReportPath is { } given ? $"{given}: writable" : $"beside the input, {Path.GetDirectoryName(report)}: writable");
        }
        else
        {
            if (request.ReportPath is { } given)
            {
                OutputFiles.Check(reads, OutputFiles.Of(given, null));
            }

            Say("report", request.ReportPath is { } path ? $"{path}: writable" : "beside each input file (give FILE to check its folder)");
        }

        if (json is not null)
        {
            OutputFiles.Check(reads, [("--summary-json", json)]);
            Say("summary JSON", $"{json}: writable");
        }
    }

    /// <summary>A run starts without its log file (Serilog drops what it cannot write), so this is said, not refused.</summary>
    private void Logs()
    {
        var folder = RunLog.Directory(settings.Log);
        Say("logs", FolderProbe.WhyNotWritable(folder) is { } why
            ? $"{folder}: NOT writable ({why}); a run would start, but leave no log file (setting Log:Directory)"
            : $"{folder}: writable");
    }

    private int Inputs(string input, string? sheet, IReadOnlyList<LeadStatus>? statuses, string unread, CustomFields custom)
    {
        var check = new InputCheck(settings);
        if (!Directory.Exists(input))
        {
            return Describe(input, check.Inspect(input, sheet, statuses, unread, custom, InputCheck.ProblemsShown));
        }

        var files = FolderRun.InputsIn(input).ToList();
        Say("input", files.Count == 0 ? $"{input}: no CSV or XLSX files (a run would find nothing to do)" : $"{input}: {files.Count} files");
        var (worst, refused, shown) = (0, new List<string>(), 0);
        foreach (var file in files)
        {
            try
            {
                var findings = check.Inspect(file, sheet, statuses, unread, custom, InputCheck.ProblemsShown - shown);
                shown += findings.Problems.Count;
                worst = Math.Max(worst, Describe(file, findings));
            }
            catch (UsageException exception)
            {
                // As in the folder run: that file would go to failed/, the others would still run.
                Say("refused", exception.Message);
                refused.Add(exception.Message);
            }
        }

        return files.Count > 0 && refused.Count == files.Count
            ? throw new UsageException($"every file in {input} would be refused; the first: {refused[0]}")
            : refused.Count > 0 ? ExitCodes.SomeRowsFailed : worst;
    }

    private int Describe(string file, InputFindings findings)
    {
        Say("input", $"{file}: {findings.Format}, {findings.DataRows} data rows");
        Say("columns", string.Join(", ", findings.Columns));
        var outcomes = findings.Outcomes;
        var parts = Enum.GetValues<Outcome>().Where(outcome => outcomes[outcome] > 0).OrderBy(outcome => outcome != Outcome.DryRun)
            .Select(outcome => outcome == Outcome.DryRun ? $"{outcomes[outcome]} to send" : $"{outcomes[outcome]} {outcome.ToReportName()}");
        Say("dry run", string.Join(", ", parts.DefaultIfEmpty("no data rows")));
        foreach (var problem in findings.Problems)
        {
            Say("", problem);
        }

        return outcomes[Outcome.Invalid] > 0 ? ExitCodes.SomeRowsFailed : ExitCodes.Success;
    }
}
