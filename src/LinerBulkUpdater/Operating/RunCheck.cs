using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Notifying;
using LinerBulkUpdater.Planning;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Sending;
using Serilog.Core;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// <c>liner-bulk check</c>: what a run with these options would meet, one line a step, in the order a run meets it,
/// writing nothing. It refuses with the run's own rules (<see cref="RunRules"/>), opens Liner the run's way
/// (<see cref="LinerConnection"/>), builds each input's plan as the run does (<see cref="RunPlanner"/>) and prints it
/// (<see cref="PlanText"/>), so a check and a run cannot disagree. A refusal is a <see cref="UsageException"/>, as in the run.
/// </summary>
internal sealed class RunCheck(AppSettings settings, CliHost host)
{
    private const int LabelWidth = 15;

    /// <returns>Whether the run would end with some rows invalid (or a folder's file refused): for the last line.</returns>
    /// <exception cref="UsageException">What would refuse the run, naming it.</exception>
    public async Task<bool> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        Say("settings", $"valid ({string.Join(", ", Layers(options))})");
        RunRules.Check(options, settings);
        using var limiter = new PacedRateLimiter(settings.Sending.Rps, host.Clock);
        using var stop = new RunStop();
        using var onInterrupt = cancellationToken.Register(() => stop.Cut("stopped by Ctrl+C"));
        using var liner = new LinerConnection(settings, options.Mode.Writes, limiter, stop, Logger.None, host.Clock);
        var (statuses, unread) = await LinerAsync(liner, options.Mode);
        cancellationToken.ThrowIfCancellationRequested();
        var sending = settings.Sending;
        var rps = sending.Rps == 0 ? "no limit on requests a second" : $"at most {sending.Rps} requests/s";
        Say("pace", $"{rps}, {sending.Concurrency} in flight, {sending.Attempts} attempts a request");
        await new NotifyCheck(settings.Notify).SayAsync(Say, cancellationToken);

        var inputs = new CheckedInputs(settings, liner, host.Clock, Say);
        if (options.InputPath is null)
        {
            OutputsWithoutInput(options);
            Logs();
            return false;
        }

        return await inputs.RunAsync(options, statuses, unread, Logs);
    }

    private void Say(string label, string text) => host.Out.WriteLine($"{label.PadRight(LabelWidth)}{text}");

    /// <summary>Liner as the run would open it: the health check, then its lists. A dry run that needs no Liner says so and goes on.</summary>
    private async Task<(IReadOnlyList<LeadStatus>? Statuses, string Unread)> LinerAsync(LinerConnection liner, RunMode mode)
    {
        if (!mode.RowsReachLiner && (liner.WhyUnreadable() ?? await WhyNotOpenAsync(liner)) is { } why)
        {
            Say("Liner", $"not read: {why} (a dry run needs Liner only for status names, custom fields or --live-diff)");
            return (null, why);
        }

        await liner.OpenAsync(LinerConnection.ForLeads);
        Say("base URL", $"{settings.Liner.DisplayBaseUrl}: reachable");
        Say("API key", "accepted (health check)");
        IReadOnlyList<LeadStatus>? statuses = null;
        var unread = "";
        try
        {
            // The connection's one read: a --baseline that names statuses uses it too, as in the run.
            statuses = await liner.StatusesAsync();
            Say("statuses", $"{statuses.Count} readable");
        }
        catch (UsageException exception)
        {
            // Not a refusal by itself: a run reads the list only when the status column names statuses.
            Say("statuses", $"not readable: {exception.Message} (a run needs them only for status codes or titles)");
            unread = exception.Message;
        }

        try
        {
            var custom = await liner.CustomFieldsAsync();
            Say("custom fields", $"{custom.OfLeads.Count()} of leads readable");
        }
        catch (UsageException exception)
        {
            // Not a refusal by itself either: a run reads them only for custom-field columns, and the plan says so.
            Say("custom fields", $"not readable: {exception.Message} (a run needs them only for custom-field columns)");
        }

        return (statuses, unread);
    }

    /// <summary>
    /// A dry run opens Liner only when its file needs it, so Liner down or a refused key is no refusal of the check by
    /// itself: the plan and the rows say whether that file needs Liner, as the run finds out.
    /// </summary>
    private static async Task<string?> WhyNotOpenAsync(LinerConnection liner)
    {
        try
        {
            await liner.OpenAsync(LinerConnection.ForLeads);
            return null;
        }
        catch (UsageException exception)
        {
            return exception.Message;
        }
    }

    private IEnumerable<string> Layers(RunOptions options)
    {
        yield return File.Exists(Path.Combine(host.ProgramDirectory, "appsettings.json")) ? "appsettings.json beside the program" : "no appsettings.json beside the program";
        if (options.ConfigPath is { } config)
        {
            yield return $"--config {config}";
        }

        yield return host.Environment.ContainsKey(LinerOptions.ApiKeyVariable) ? $"the key from {LinerOptions.ApiKeyVariable}"
            : options.Sandbox ? "the key from the settings, or the sandbox's" : "the key from the settings";
    }

    /// <summary>Without FILE a check can only say where a given report and summary would go.</summary>
    private void OutputsWithoutInput(RunOptions options)
    {
        var reads = options.ConfigPath is { } config ? new List<(string, string)> { ("--config", config) } : [];
        if (options.ReportPath is { } given)
        {
            OutputFiles.Check(reads, OutputFiles.Of(given, null));
        }

        Say("report", options.ReportPath is { } path ? $"{path}: writable" : "beside each input file (give FILE to check its folder)");
        if (options.SummaryJsonPath is { } json)
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
}
