namespace LinerBulkUpdater.Leads;

/// <summary>Where a run keeps what Liner held before it changed each field (<c>--undo</c>), written ahead of the update.</summary>
internal interface IUndoLog
{
    /// <summary>
    /// Records the before-values of <paramref name="changes"/> not already covered for their lead, and every value they
    /// set (the guard of applying the undo), and has them with the operating system before returning: only then may the
    /// update be sent.
    /// </summary>
    /// <param name="row">The row about to change them, named in the undo file for whoever reads it.</param>
    /// <returns>Null when covered; otherwise why a before-value cannot go in an undo file that gives it back (nothing is written, and the update must not be sent).</returns>
    /// <exception cref="IOException">The undo file could not be written: the update must not be sent.</exception>
    string? Cover(long leadId, IReadOnlyList<FieldChange> changes, RawRow row);
}
