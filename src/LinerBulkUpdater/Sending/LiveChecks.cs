namespace LinerBulkUpdater.Sending;

/// <summary>What a run reads of Liner around each update: the lead before (<c>--live-diff</c>, <c>--undo</c>) and after (<c>--verify</c>).</summary>
/// <param name="LiveDiff">Send only the fields whose value differs from what Liner holds; a lead with none is unchanged.</param>
/// <param name="Undo">Before-values are written to an undo file ahead of each update.</param>
/// <param name="Verify">After an accepted update, read the lead back and compare the fields sent.</param>
/// <param name="DryRun">Read, never write: the report says what a real run would change.</param>
internal sealed record LiveChecks(bool LiveDiff, bool Undo, bool Verify, bool DryRun)
{
    public static readonly LiveChecks None = new(false, false, false, false);

    /// <summary>Whether each lead is read before its first row is sent.</summary>
    public bool ReadsBefore => LiveDiff || Undo;

    public bool ReadsAny => ReadsBefore || Verify;
}
