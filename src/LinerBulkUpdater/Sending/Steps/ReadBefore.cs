using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Sending.Steps;

/// <summary>
/// What Liner holds for the lead before its row is sent: known from the lead's earlier row, or read now (the v2 detail,
/// and the v1 detail when the row sets a field only v1 shows). A lead that cannot be read, or whose answer shows no value
/// for a field the row sets, is not sent: there would be nothing to compare with, nor to put back. A row whose number
/// cell holds what Liner holds but for the leading zeros a spreadsheet dropped is invalid, not sent (<see cref="NumberCell"/>).
/// </summary>
internal sealed class ReadBefore(LeadSender sender, FieldRules rules, RunStop stop) : IRowStep
{
    // Reads that all answer 404 from the start of a run mean a wrong Liner:LeadDetailPath, not a file of unknown leads.
    private const int NotFoundBeforeAnyFound = 20;

    private int _found;
    private int _notFound;

    public async ValueTask<StepOutcome> TakeAsync(RowWalk walk)
    {
        var (row, update) = (walk.Row, walk.Update);
        var live = walk.Live;
        if (live is null)
        {
            var v2 = await sender.ReadLeadAsync(update.LeadId, v1: false, walk.Ticket);
            if (v2.Outcome != ReadOutcome.Read)
            {
                return walk.Finish(NotRead(row, v2), null);
            }

            Interlocked.Exchange(ref _found, 1);
            live = LiveLead.From(v2.Data ?? default, null, rules);
        }

        if (LiveLead.NeedsV1(update) && !live.HasV1)
        {
            var v1 = await sender.ReadLeadAsync(update.LeadId, v1: true, walk.Ticket);
            if (v1.Outcome != ReadOutcome.Read)
            {
                return walk.Finish(NotRead(row, v1), null);
            }

            live = live.WithV1(v1.Data ?? default);
        }

        if (live.Unreadable(update) is { Count: > 0 } unreadable)
        {
            return walk.Finish(
                new RowResult(row, Outcome.Failed, 200, 0, $"Liner's answer for the lead shows no value for {string.Join(", ", unreadable.Select(field => field.Name))}; not sent"),
                null);
        }

        if (LostZeros(update, live) is { } lost)
        {
            return walk.Finish(new RowResult(row, Outcome.Invalid, 200, 0, lost), live);
        }

        return (walk with { Live = live, Changed = live.Changes(update) }).Next();
    }

    private static string? LostZeros(LeadUpdate update, LiveLead live)
    {
        List<string>? lost = null;
        foreach (var cell in update.NumberCells)
        {
            if (cell.LostZeros(live[cell.Field]) is { } reason)
            {
                (lost ??= []).Add(reason);
            }
        }

        return lost is null ? null : string.Join("; ", lost);
    }

    private RowResult NotRead(RawRow row, ReadResult read)
    {
        if (read.Outcome == ReadOutcome.NotSent || (stop.IsStopped && read.Outcome != ReadOutcome.NotFound))
        {
            // Stopped before or while reading (a read cut off, or one whose retry the stop cancelled): nothing of this row was sent.
            return new RowResult(row, Outcome.NotSent, Error: $"not sent: {stop.Reason}");
        }

        if (read.Outcome != ReadOutcome.NotFound)
        {
            return new RowResult(row, Outcome.Failed, read.HttpStatus, 0, $"the lead could not be read before updating it: {read.Said}; not sent");
        }

        if (Interlocked.Increment(ref _notFound) >= NotFoundBeforeAnyFound && Volatile.Read(ref _found) == 0)
        {
            stop.Stop($"the first {NotFoundBeforeAnyFound} leads read were all not found: is Liner:LeadDetailPath right?");
        }

        return new RowResult(row, Outcome.Failed, read.HttpStatus, 0, $"lead not found: {read.Said}; not sent");
    }
}
