namespace LinerBulkUpdater.Leads;

/// <summary>What happened to a row, as the report's <c>outcome</c> column says it.</summary>
internal enum Outcome
{
    Updated,
    Failed,
    Invalid,
    Skipped,
    Unchanged,
    NotSent,
    DryRun,

    /// <summary><c>--match-by</c>: no lead in Liner has the row's key; nothing sent.</summary>
    NotFound,

    /// <summary>Applying an undo file: Liner no longer holds what the run set for a field of the row, so that field was left alone (CONTRACT §6).</summary>
    ChangedSince,
}
