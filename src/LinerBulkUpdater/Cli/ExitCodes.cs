using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Cli;

/// <summary>The exit codes scripts and schedulers rely on (docs/reference.md#exit-codes), and the one place outcomes map to them.</summary>
internal static class ExitCodes
{
    /// <summary>Every row updated, unchanged, skipped or dry_run.</summary>
    public const int Success = 0;

    /// <summary>The run finished, and some rows are failed, invalid, not_found or changed_since.</summary>
    public const int SomeRowsFailed = 1;

    /// <summary>Unusable input or settings: nothing was sent.</summary>
    public const int Unusable = 2;

    /// <summary>The run was stopped part-way; the report still lists every row.</summary>
    public const int Stopped = 3;

    /// <summary>One file's run: stopped, or finished with or without rows that need a look (failed, invalid, changed_since).</summary>
    public static int Of(OutcomeCounts counts, bool stopped) =>
        stopped ? Stopped
        : counts[Outcome.Failed] + counts[Outcome.Invalid] + counts[Outcome.NotFound] + counts[Outcome.ChangedSince] > 0 ? SomeRowsFailed
        : Success;

    /// <summary>
    /// A folder's run, from its files' codes: the worst of them, except that exit 2 says nothing was sent,
    /// which is true of the folder only if every file was unusable (an unusable file among sent ones counts as failed).
    /// </summary>
    public static int OfFolder(IReadOnlyCollection<int> codes) =>
        codes.Count > 0 && codes.All(code => code == Unusable)
            ? Unusable
            : codes.Select(code => code == Unusable ? SomeRowsFailed : code).DefaultIfEmpty(Success).Max();
}
