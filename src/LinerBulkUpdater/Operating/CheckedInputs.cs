using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Planning;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Sending;
using Serilog.Core;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// The inputs of a <c>check</c>: each file planned as the run would plan it (<see cref="RunPlanner"/>), its outputs,
/// its plan (<see cref="PlanText"/>) and what a dry run makes of its rows (<see cref="InputCheck"/>); a folder file by file.
/// </summary>
/// <param name="say">Writes one labelled line.</param>
internal sealed class CheckedInputs(AppSettings settings, LinerConnection liner, TimeProvider time, Action<string, string> say)
{
    /// <param name="logs">Says where the logs go: after the outputs, before the input, as a run meets them.</param>
    /// <returns>Whether the run would end with some rows invalid, or some file of a folder refused.</returns>
    public async Task<bool> RunAsync(RunOptions options, IReadOnlyList<LeadStatus>? statuses, string unread, Action logs)
    {
        var input = options.InputPath!;
        if (!options.IsFolder)
        {
            var (plan, findings) = await PlanAsync(options, statuses, unread, InputCheck.ProblemsShown);
            say("report", options.ReportPath is { } given ? $"{given}: writable" : $"beside the input, {Path.GetDirectoryName(plan.ReportPath)}: writable");
            Outputs(plan);
            logs();
            return Describe(plan, findings);
        }

        foreach (var place in new[] { input, Path.Combine(input, "done"), Path.Combine(input, "failed") })
        {
            if (FolderProbe.WhyNotWritable(place) is { } why)
            {
                throw new UsageException($"reports: {place} is not writable ({why}): a folder run writes each file's report beside it and moves the file to done/ or failed/");
            }
        }

        say("reports", $"beside each file in {input}, then moved with it to done/ or failed/: writable");
        if (options.UndoPath is { } undo)
        {
            say("undo files", Directory.Exists(undo) ? $"in {undo}: writable" : $"in {undo}, made when the run starts: writable");
        }

        if (options.SummaryJsonPath is { } json)
        {
            say("summary JSON", $"{json}: writable");
        }

        logs();
        return await FolderAsync(options, statuses, unread);
    }

    private async Task<bool> FolderAsync(RunOptions options, IReadOnlyList<LeadStatus>? statuses, string unread)
    {
        var folder = options.InputPath!;
        var files = FolderRun.InputsIn(folder).ToList();
        say("input", files.Count == 0 ? $"{folder}: no CSV or XLSX files (a run would find nothing to do)" : $"{folder}: {files.Count} files");
        var (someInvalid, refused, shown) = (false, new List<string>(), 0);
        foreach (var file in files)
        {
            try
            {
                var (plan, findings) = await PlanAsync(options.ForFile(file, ReportWriters.DefaultPath(file, time.GetUtcNow())), statuses, unread, InputCheck.ProblemsShown - shown);
                shown += findings.Problems.Count;
                someInvalid |= Describe(plan, findings);
            }
            catch (UsageException exception)
            {
                // As in the folder run: that file would go to failed/, the others would still run.
                say("refused", exception.Message);
                refused.Add(exception.Message);
            }
        }

        return files.Count > 0 && refused.Count == files.Count
            ? throw new UsageException($"every file in {folder} would be refused; the first: {refused[0]}")
            : refused.Count > 0 || someInvalid;
    }

    /// <summary>The file's plan, as the run would build it, and a dry run of its rows; its lock is not taken, its outputs not made.</summary>
    private async Task<(RunPlan Plan, InputFindings Findings)> PlanAsync(RunOptions options, IReadOnlyList<LeadStatus>? statuses, string unread, int problemsLeft)
    {
        using var source = RowSources.Open(options.InputPath!, settings.Input, settings.FallbackEncoding, options.Sheet, lastRecordOf: UndoFileFormat.LastRecordOf);
        var lockPath = Path.GetFullPath(options.InputPath!) + ".lock";
        var plan = await new RunPlanner(settings, Logger.None).PlanAsync(options, source, time.GetUtcNow(), liner, lockPath);
        return (plan, InputCheck.Inspect(plan, source, statuses, unread, problemsLeft));
    }

    private void Outputs(RunPlan plan)
    {
        if (plan.UndoPath is { } undo)
        {
            say("undo file", $"{undo}: writable");
        }

        if (plan.Options.SummaryJsonPath is { } json)
        {
            say("summary JSON", $"{json}: writable");
        }
    }

    private bool Describe(RunPlan plan, InputFindings findings)
    {
        var cut = findings.CutOffLine > 0 ? $"; line {findings.CutOffLine}, the last row, was cut short where the undo file was written and is not applied" : "";
        say("input", $"{plan.InputPath}: {findings.Format}, {findings.DataRows} data rows{cut}");
        say("columns", string.Join(", ", findings.Columns));
        foreach (var (label, text) in PlanText.Lines(plan, settings.Liner))
        {
            say(label, text);
        }

        var outcomes = findings.Outcomes;
        var parts = Enum.GetValues<Outcome>().Where(outcome => outcomes[outcome] > 0).OrderBy(outcome => outcome != Outcome.DryRun)
            .Select(outcome => outcome == Outcome.DryRun ? $"{outcomes[outcome]} to send" : $"{outcomes[outcome]} {outcome.ToReportName()}");
        say("dry run", string.Join(", ", parts.DefaultIfEmpty("no data rows")));
        foreach (var problem in findings.Problems)
        {
            say("", problem);
        }

        foreach (var warning in findings.Warnings)
        {
            say("warning", warning);
        }

        return outcomes[Outcome.Invalid] > 0;
    }
}
