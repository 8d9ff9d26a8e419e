namespace LinerBulkUpdater.Leads;

/// <summary>
/// What a row needs before any request: checked, then skipped if an earlier run updated it
/// (<c>--resume</c>), cut down to what changed since the baseline (<c>--baseline</c>), and either
/// finished here or handed on to be sent. Called from the reader alone, in file order.
/// </summary>
/// <param name="guard">Applying an undo file that records what its run set: its rows need that beside each value to put back.</param>
/// <param name="keyColumn">In a <c>--match-by</c> run, the key's column: an earlier report knows a row by its key as written.</param>
internal sealed class RowTriage(LeadRowParser parser, IEarlierRun? resume, IKnownValues? baseline, Operating.UndoGuard? guard, bool dryRun, int? keyColumn = null)
{
    // With --resume, the leads this run sends: a later row of one of them must follow, even if an
    // earlier run updated it, or an older value sent now would end up last.
    private readonly HashSet<long>? _sending = resume is null ? null : [];

    /// <summary>Rows the baseline found nothing new in: requests not made.</summary>
    public int SavedByBaseline { get; private set; }

    /// <returns>Either the row's result (nothing to send) or the update to send.</returns>
    public (RowResult? Finished, RowToSend? Send) Decide(RawRow row)
    {
        var verdict = parser.Parse(row);
        if (verdict.MatchedLeadId is { } matched)
        {
            row = row with { MatchedLeadId = matched };
        }

        if (verdict.Update is not { } update)
        {
            return (new RowResult(row, verdict.Refused, Error: verdict.Problem ?? ""), null);
        }

        if (guard?.Problem(row) is { } unguarded)
        {
            return (new RowResult(row, Outcome.Invalid, Error: unguarded), null);
        }

        var earlierKey = keyColumn is { } key ? (key < row.Cells.Length ? row.Cells[key] : "") : update.LeadId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (resume?.WasUpdated(row.SourceRow, earlierKey) == true
            && !_sending!.Contains(update.LeadId))
        {
            // The baseline still learns what this row set, so a later row of the same lead is compared with it.
            baseline?.Diff(update, out _);
            return (new RowResult(row, Outcome.Skipped, Error: IEarlierRun.UpdatedEarlier), null);
        }

        if (update.IsEmpty)
        {
            return (new RowResult(row, Outcome.Skipped, Error: guard?.RecordedOnly(row).ToList() is { Count: > 0 } recorded
                ? $"records what a later row of the run set in {string.Join(", ", recorded)}: the lead's row with the value from before the run puts it back"
                : "nothing to update: every field is blank"), null);
        }

        var changes = "";
        if (baseline?.Diff(update, out changes) is { } changed)
        {
            if (changed.IsEmpty)
            {
                SavedByBaseline++;
                return (new RowResult(row, Outcome.Unchanged, Error: "no field differs from the baseline"), null);
            }

            update = changed;
        }

        _sending?.Add(update.LeadId);
        var send = new RowToSend(row, update, changes ?? "");
        return dryRun ? (new RowResult(row, Outcome.DryRun, Changes: send.Changes), send) : (null, send);
    }
}
