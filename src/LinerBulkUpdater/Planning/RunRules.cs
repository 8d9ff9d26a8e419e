using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Operating;

namespace LinerBulkUpdater.Planning;

/// <summary>
/// Every rule about a run's options that needs no file opened: what cannot go together, what the settings must hold
/// for it, where its undo files may go. One place for <c>run</c> and <c>check</c>, returning problems as values, in
/// the order a user fixes them: the input, then the options, then the settings, then the outputs.
/// </summary>
internal static class RunRules
{
    /// <returns>Each problem as one line naming the option or setting; empty when the run may start.</returns>
    public static IReadOnlyList<string> Problems(RunOptions options, AppSettings settings)
    {
        var problems = new List<string>();
        if (options.InputPath is { } input && !File.Exists(input) && !Directory.Exists(input))
        {
            problems.Add($"cannot read '{input}': file not found");
            return problems;
        }

        if (options.IsFolder && (options.ReportPath ?? options.ResumePath) is not null)
        {
            problems.Add("--report and --resume name one file's report; with a folder each file gets its own, beside it");
        }

        if (options.LiveDiff && options.BaselinePath is not null)
        {
            problems.Add("--live-diff and --baseline both decide what is sent: the live comparison with Liner supersedes the file; give one of them");
        }

        if (options.DryRun && (options.UndoPath is not null || options.Verify))
        {
            problems.Add($"{(options.UndoPath is not null ? "--undo" : "--verify")} makes no sense with --dry-run, which changes nothing (--dry-run --live-diff shows what would change)");
        }

        if (options.MatchBy is null && (options.CreatedFrom ?? options.CreatedTo) is not null)
        {
            problems.Add("--created-from and --created-to narrow the sweep of --match-by; without it, rows name their leads by lead_id");
        }
        else if (options.MatchBy is not null && Refusal(() => CreatedRange.Read(options.CreatedFrom, options.CreatedTo, settings.Liner.EarliestLead, DateTimeOffset.MaxValue, settings.Rules.TimeZone)) is { } range)
        {
            problems.Add(range);
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        if (options.Mode.Writes && !options.Sandbox && Refusal(settings.Liner.CheckCanSend) is { } liner)
        {
            problems.Add(liner);
        }

        if (options.UndoPath is { } undo && UndoProblem(undo, options) is { } undoProblem)
        {
            problems.Add(undoProblem);
        }

        if (options.IsFolder && options.SummaryJsonPath is { } json)
        {
            // A single file's outputs are checked with its report, once that is known; a folder's summary now.
            var reads = options.ConfigPath is { } config ? new[] { ("--config", config) } : [];
            if (Refusal(() => OutputFiles.Check(reads, [("--summary-json", json)])) is { } output)
            {
                problems.Add(output);
            }
        }

        return problems;
    }

    /// <summary>The first problem, as what stops the run before anything is opened.</summary>
    /// <exception cref="UsageException">A problem.</exception>
    public static void Check(RunOptions options, AppSettings settings)
    {
        if (Problems(options, settings) is [var first, ..])
        {
            throw new UsageException(first);
        }
    }

    /// <summary>The folder <c>--undo</c> names for a folder run, made now if it is missing; the run's own step, never a check's.</summary>
    public static void MakeUndoFolder(RunOptions options)
    {
        if (options is { IsFolder: true, UndoPath: { } undo, Mode.WritesUndo: true })
        {
            try
            {
                Directory.CreateDirectory(undo);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new UsageException($"--undo {undo}: the folder cannot be made: {exception.Message.ReplaceLineEndings(" ")}");
            }
        }
    }

    /// <summary>
    /// In a folder run <c>--undo</c> names a folder (made if missing), never the inbox: the next scheduled run would apply
    /// them. For one file it names a new file, or a folder that exists (a name ending in a separator is a folder).
    /// </summary>
    private static string? UndoProblem(string undo, RunOptions options)
    {
        // `--undo "$UNDO_DIR"` with the variable unset: no path at all, which every check below would crash on.
        if (undo.Length == 0 || undo.Contains('\0'))
        {
            return $"--undo {undo}: not a valid file name";
        }

        if (options.IsFolder)
        {
            if (File.Exists(undo))
            {
                return $"--undo {undo} is a file; in a folder run --undo names a folder, where each input's undo file goes";
            }

            var inbox = options.InputPath!;
            return (Directory.Exists(undo) && FileIdentity.Same(undo, inbox)) || SamePath(undo, inbox)
                ? $"--undo {undo} is the folder the run takes its inputs from: the next run would apply the undo files; give another folder"
                : FolderProbe.WhyNotWritable(undo) is { } why ? $"--undo {undo}: the folder cannot be made: {why}" : null;
        }

        if (Directory.Exists(undo))
        {
            return FolderProbe.WhyNotWritable(undo) is { } notWritable ? $"--undo {undo}: the folder is not writable ({notWritable})" : null;
        }

        if (Path.EndsInDirectorySeparator(undo))
        {
            return $"--undo {undo}: no such folder; make it first, or name the undo file";
        }

        if (File.Exists(undo))
        {
            return $"--undo {undo} already exists: an undo file is never written over (a resumed run writes a new one); give a new file name, or a folder";
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(undo));
        return parent is not null && !Directory.Exists(parent) ? $"--undo {undo}: the folder {parent} does not exist" : null;
    }

    private static bool SamePath(string one, string other) => string.Equals(
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(one)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(other)), StringComparison.Ordinal);

    private static string? Refusal(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (UsageException exception)
        {
            return exception.Message;
        }
    }
}
