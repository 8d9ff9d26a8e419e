namespace LinerBulkUpdater.Planning;

/// <summary>Where a run learns what Liner holds before it writes: nowhere, last time's export, or Liner itself.</summary>
internal enum DiffSource
{
    /// <summary>Every non-blank cell is sent.</summary>
    None,

    /// <summary><c>--baseline</c>: only fields that differ from last time's export are sent.</summary>
    Baseline,

    /// <summary><c>--live-diff</c>: each lead is read first, and only fields that differ from it are sent.</summary>
    Live,
}

/// <summary>
/// What a run does around each row, decided once from its options: whether it writes, where its diff comes from,
/// whether it reads each lead before writing (for the diff or the undo file) and after (<c>--verify</c>).
/// Every "is this a dry run?" of the tool is a question to this value.
/// </summary>
/// <param name="Guards">Applying an undo file that records what its run set: a field is put back only where Liner still holds that (<see cref="ForUndoFile"/>).</param>
/// <param name="AppliesUndoFile">The input is an undo file (<see cref="ForUndoFile"/>), guarded or not.</param>
internal sealed record RunMode(bool Writes, DiffSource Diff, bool ReadsBefore, bool WritesUndo, bool ReadsAfter, bool Guards = false, bool AppliesUndoFile = false)
{
    public static RunMode Of(bool dryRun, bool liveDiff, bool undo, bool verify, bool baseline) => new(
        Writes: !dryRun,
        Diff: liveDiff ? DiffSource.Live : baseline ? DiffSource.Baseline : DiffSource.None,
        ReadsBefore: liveDiff || undo,
        WritesUndo: undo && !dryRun,
        ReadsAfter: verify && !dryRun);

    /// <summary>
    /// This mode for an input that is an undo file: applying one always reads each lead first and sends only what differs,
    /// and, when <paramref name="guarded"/>, only what still holds a value the run set (CONTRACT §6). A new value, not a
    /// <c>with</c>: <see cref="Steps"/> is decided when a mode is made.
    /// </summary>
    public RunMode ForUndoFile(bool guarded) => new(Writes, DiffSource.Live, ReadsBefore: true, WritesUndo, ReadsAfter, guarded, AppliesUndoFile: true);

    /// <summary>Whether a row goes on to Liner at all (written, or read for a dry run's live diff); otherwise it is finished when it is checked.</summary>
    public bool RowsReachLiner => Writes || ReadsBefore;

    /// <summary>A dry run that reads nothing of any lead: its reading of the file is all its work.</summary>
    public bool OnlyChecksRows => !RowsReachLiner;

    /// <summary>The steps each row sent to Liner walks, in order (empty when rows never reach Liner).</summary>
    public IReadOnlyList<RowStep> Steps { get; } = StepsOf(Writes, Diff, ReadsBefore, WritesUndo, ReadsAfter, Guards);

    private static RowStep[] StepsOf(bool writes, DiffSource diff, bool readsBefore, bool undo, bool readsAfter, bool guards)
    {
        var steps = new List<RowStep>();
        if (readsBefore)
        {
            steps.Add(RowStep.ReadBefore);
            steps.Add(guards ? RowStep.Guard : diff == DiffSource.Live ? RowStep.LiveDiff : RowStep.Describe);
        }

        if (undo)
        {
            steps.Add(RowStep.UndoRow);
        }

        if (writes)
        {
            steps.Add(RowStep.Update);
        }

        if (readsAfter)
        {
            steps.Add(RowStep.ReadBack);
        }

        return [.. steps];
    }
}

/// <summary>One step of a row's walk to Liner (<see cref="RunMode.Steps"/>).</summary>
internal enum RowStep
{
    /// <summary>What Liner holds for the lead: its v2 detail (and v1 when the row sets a v1-only field), unless known from its previous row.</summary>
    ReadBefore,

    /// <summary>Only the fields that differ from Liner are kept; none → unchanged.</summary>
    LiveDiff,

    /// <summary>The report's <c>changes</c> say what the row changes, from the values read.</summary>
    Describe,

    /// <summary>Applying an undo file: only the fields that differ and still hold a value the run set are kept; one changed since is left alone.</summary>
    Guard,

    /// <summary>Liner's values before the change go to the undo file, flushed, before the update.</summary>
    UndoRow,

    /// <summary>The v1 update, then the v2 update with the row's custom values.</summary>
    Update,

    /// <summary>The lead read back: a field Liner did not keep fails the row.</summary>
    ReadBack,
}
