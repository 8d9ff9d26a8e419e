namespace LinerBulkUpdater.Planning;

/// <summary>
/// What the command line asked of a run, as the user typed it: the same for <c>run</c> and <c>check</c>, so a check
/// stands for exactly the run it names. Raw choices only; what they mean together is <see cref="Mode"/>, and what
/// they cannot be together is <see cref="RunRules"/>.
/// </summary>
/// <param name="InputPath">A file or a folder; null only for a <c>check</c> of the settings alone.</param>
/// <param name="Sheet">For a workbook input only (<c>--sheet</c>): never applied to the report or the baseline it is resumed or compared with.</param>
/// <param name="UndoPath">As given to <c>--undo</c>: a file, or a folder for the undo files (<see cref="Reporting.UndoFile.PathFor"/>).</param>
/// <param name="Sandbox">Run against the embedded stand-in (<c>--sandbox</c>), which takes any key.</param>
/// <param name="RestoreAll">Applying an undo file (<c>--restore-all</c>): put back every value it holds, also over a field changed since the run.</param>
/// <param name="MatchBy">As given to <c>--match-by</c>: the field whose value finds each row's lead (CONTRACT §8); null: rows carry lead_id.</param>
/// <param name="CreatedFrom">As given to <c>--created-from</c>: where the sweep of <c>--match-by</c> starts.</param>
/// <param name="CreatedTo">As given to <c>--created-to</c>: where it ends.</param>
internal sealed record RunOptions(
    string? InputPath,
    string? ReportPath = null,
    bool DryRun = false,
    string? Sheet = null,
    string? ResumePath = null,
    string? BaselinePath = null,
    string? SummaryJsonPath = null,
    string? ConfigPath = null,
    bool LiveDiff = false,
    string? UndoPath = null,
    bool Verify = false,
    bool Sandbox = false,
    bool RestoreAll = false,
    string? MatchBy = null,
    string? CreatedFrom = null,
    string? CreatedTo = null)
{
    /// <summary>What the options mean together: decided here, once.</summary>
    public RunMode Mode { get; } = RunMode.Of(DryRun, LiveDiff, UndoPath is not null, Verify, BaselinePath is not null);

    /// <summary>Whether the input is a folder: a folder run takes each file in it, with its own report.</summary>
    public bool IsFolder => InputPath is not null && Directory.Exists(InputPath);

    /// <summary>The options of one file of a folder run: its own report, and the folder's summary JSON written once, by the folder.</summary>
    public RunOptions ForFile(string input, string report) => this with { InputPath = input, ReportPath = report, SummaryJsonPath = null };
}
