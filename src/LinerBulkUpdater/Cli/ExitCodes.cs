namespace LinerBulkUpdater.Cli;

/// <summary>The exit codes scripts and schedulers rely on (CONTRACT.md §5).</summary>
internal static class ExitCodes
{
    /// <summary>Every row updated, unchanged, skipped or dry_run.</summary>
    public const int Success = 0;

    /// <summary>The run finished, and some rows are failed or invalid.</summary>
    public const int SomeRowsFailed = 1;

    /// <summary>Unusable input or settings: nothing was sent.</summary>
    public const int Unusable = 2;

    /// <summary>The run was stopped part-way; the report still lists every row.</summary>
    public const int Stopped = 3;
}
