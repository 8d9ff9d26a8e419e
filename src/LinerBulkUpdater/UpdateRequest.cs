namespace LinerBulkUpdater;

/// <summary>What <c>liner-bulk run</c> was asked to do with one input: the per-file choices, beside the settings.</summary>
/// <param name="Sheet">For a workbook input only (<c>--sheet</c>): never applied to the report or the baseline it is resumed or compared with.</param>
internal sealed record UpdateRequest(
    string InputPath,
    string? ReportPath,
    bool DryRun,
    string? Sheet = null,
    string? ResumePath = null,
    string? BaselinePath = null,
    string? SummaryJsonPath = null,
    string? ConfigPath = null);
