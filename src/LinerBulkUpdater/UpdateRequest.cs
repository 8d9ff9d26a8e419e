namespace LinerBulkUpdater;

/// <summary>What <c>liner-bulk run</c> was asked to do with one input: the per-file choices, beside the settings.</summary>
/// <param name="Sheet">For a workbook input only (<c>--sheet</c>): never applied to the report or the baseline it is resumed or compared with.</param>
/// <param name="UndoPath">As given to <c>--undo</c>: a file, or a folder for the undo files (<see cref="Reporting.UndoFile.PathFor"/>).</param>
internal sealed record UpdateRequest(
    string InputPath,
    string? ReportPath,
    bool DryRun,
    string? Sheet = null,
    string? ResumePath = null,
    string? BaselinePath = null,
    string? SummaryJsonPath = null,
    string? ConfigPath = null,
    bool LiveDiff = false,
    string? UndoPath = null,
    bool Verify = false)
{
    /// <summary>What the run reads of Liner around each update.</summary>
    public LinerBulkUpdater.Sending.LiveChecks Checks => new(LiveDiff, UndoPath is not null, Verify, DryRun);
}
