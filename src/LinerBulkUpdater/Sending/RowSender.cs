using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Planning;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// One row's requests, in order, for the worker that holds its lead: read what Liner holds (when the run needs it),
/// cut the update to what differs (<c>--live-diff</c>), write the undo row (<c>--undo</c>), send, read back
/// (<c>--verify</c>). Each request is a <see cref="LeadSender"/> call like any other: same limiter, retries and stop.
/// </summary>
internal sealed class RowSender(LeadSender sender, RunMode mode, IUndoLog? undo, FieldRules rules, RunStop stop)
{
    // Reads that all answer 404 from the start of a run mean a wrong Liner:LeadDetailPath, not a file of unknown leads.
    private const int NotFoundBeforeAnyFound = 20;

    private int _found;
    private int _notFound;

    public async Task<RowResult> SendAsync(RowToSend next, LeadState lead)
    {
        var (row, update) = (next.Row, next.Update);
        var changes = next.Changes;
        if (mode.ReadsBefore)
        {
            var (live, failed) = await ReadBeforeAsync(row, update, lead);
            if (failed is not null)
            {
                return failed;
            }

            if (live!.Unreadable(update) is { Count: > 0 } unreadable)
            {
                // Nothing to compare them with, nor to put back: sending would change what nobody can see or undo.
                lead.Live = null;
                return new RowResult(row, Outcome.Failed, 200, 0,
                    $"Liner's answer for the lead shows no value for {string.Join(", ", unreadable.Select(field => field.Name))}; not sent");
            }

            var changed = live.Changes(update);
            if (mode.Diff == DiffSource.Live)
            {
                if (changed.Count == 0)
                {
                    return new RowResult(row, Outcome.Unchanged, 200, Error: "no field differs from what Liner holds");
                }

                update = changed.Count == update.Fields.Count ? update : update with { Fields = [.. changed.Select(change => change.After)] };
            }

            changes = FieldChange.Describe(changed);
            if (!mode.Writes)
            {
                live.Apply(update);
                return new RowResult(row, Outcome.DryRun, Changes: changes);
            }

            if (undo is not null && WriteUndo(row, update.LeadId, changed) is { } unwritten)
            {
                return unwritten;
            }
        }

        var (first, then) = update.Requests;
        var (sent, partly) = then is null ? (await sender.SendAsync(first), null) : await SendPartsAsync(first, then);
        if (sent.Outcome != Outcome.Updated)
        {
            // A failed update may have landed or not: the next row of this lead reads Liner again.
            lead.Live = null;
            return new RowResult(row, partly is null ? sent.Outcome : Outcome.Failed, sent.HttpStatus, sent.Attempts, partly ?? sent.Error, changes);
        }

        if (!mode.ReadsAfter)
        {
            lead.Live?.Apply(update);
            return new RowResult(row, Outcome.Updated, sent.HttpStatus, sent.Attempts, Changes: changes);
        }

        return await VerifyAsync(row, update, sent, changes, lead);
    }

    /// <summary>
    /// A row's two requests (<see cref="LeadUpdate.Requests"/>): its fields by the v1 update, then its custom values by
    /// the v2 update once the first landed (CONTRACT §7).
    /// </summary>
    /// <returns>The last request's result, attempts summed; when the first landed and the second did not, what was applied.</returns>
    private async Task<(SendResult Sent, string? Partly)> SendPartsAsync(LeadUpdate builtIn, LeadUpdate custom)
    {
        var first = await sender.SendAsync(builtIn);
        if (first.Outcome != Outcome.Updated)
        {
            return (first, null);
        }

        var second = await sender.SendAsync(custom);
        second = second with { Attempts = first.Attempts + second.Attempts };
        if (second.Outcome == Outcome.Updated)
        {
            return (second, null);
        }

        var applied = string.Join(", ", builtIn.Fields.Select(value => value.Field.Name));
        var missed = string.Join(", ", custom.Fields.Select(value => value.Field.Name));
        var why = second.Outcome == Outcome.NotSent ? $"were not sent: {second.Error}" : $"failed: {Said(second)}";
        return (second, $"{applied} applied by the v1 update (HTTP {first.HttpStatus}); the custom values ({missed}) {why}");
    }

    /// <summary>What Liner holds for the lead: kept from the lead's earlier row, or read now (v2, and v1 when the row needs it).</summary>
    /// <returns>The lead, or the row's result when it could not be read (then nothing is sent).</returns>
    private async Task<(LiveLead? Live, RowResult? Failed)> ReadBeforeAsync(RawRow row, LeadUpdate update, LeadState lead)
    {
        if (lead.Live is null)
        {
            var v2 = await sender.ReadLeadAsync(update.LeadId, v1: false);
            if (v2.Outcome != ReadOutcome.Read)
            {
                return (null, NotRead(row, v2));
            }

            Found();
            lead.Live = LiveLead.From(v2.Data ?? default, null, rules);
        }

        if (LiveLead.NeedsV1(update) && !lead.Live.HasV1)
        {
            var v1 = await sender.ReadLeadAsync(update.LeadId, v1: true);
            if (v1.Outcome != ReadOutcome.Read)
            {
                lead.Live = null;
                return (null, NotRead(row, v1));
            }

            lead.Live.AddV1(v1.Data ?? default);
        }

        return (lead.Live, null);
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
            return new RowResult(row, Outcome.Failed, read.HttpStatus, 0, $"the lead could not be read before updating it: {Said(read)}; not sent");
        }

        if (Interlocked.Increment(ref _notFound) >= NotFoundBeforeAnyFound && Volatile.Read(ref _found) == 0)
        {
            stop.Stop($"the first {NotFoundBeforeAnyFound} leads read were all not found: is Liner:LeadDetailPath right?");
        }

        return new RowResult(row, Outcome.Failed, read.HttpStatus, 0, $"lead not found: {Said(read)}; not sent");
    }

    private void Found() => Interlocked.Exchange(ref _found, 1);

    private static string Said(SendResult read) => read.HttpStatus is { } status ? $"HTTP {status}: {read.Error}" : read.Error;

    private static string Said(ReadResult read) => read.HttpStatus is { } status ? $"HTTP {status}: {read.Error}" : read.Error;

    /// <returns>
    /// Null when the before-values are with the OS; otherwise the row's result: failed when a value cannot go in the undo
    /// file, and when the file cannot be written the run stops: no update may go out uncovered.
    /// </returns>
    private RowResult? WriteUndo(RawRow row, long leadId, IReadOnlyList<FieldChange> changed)
    {
        try
        {
            return undo!.Cover(leadId, changed, row) is { } refused
                ? new RowResult(row, Outcome.Failed, 200, 0, $"{refused}; not sent", FieldChange.Describe(changed))
                : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            var why = $"the undo file could not be written: {exception.Message.ReplaceLineEndings(" ")}";
            stop.Stop(why);
            return new RowResult(row, Outcome.NotSent, Error: $"not sent: {why}");
        }
    }

    /// <summary>Reads the lead back after Liner accepted the update: a field it did not keep fails the row (HTTP 200), naming it.</summary>
    private async Task<RowResult> VerifyAsync(RawRow row, LeadUpdate update, SendResult sent, string changes, LeadState lead)
    {
        lead.Live = null;
        var v2 = await sender.ReadLeadAsync(update.LeadId, v1: false);
        var v1 = v2.Outcome == ReadOutcome.Read && LiveLead.NeedsV1(update) ? await sender.ReadLeadAsync(update.LeadId, v1: true) : null;
        if ((v1 ?? v2) is { Outcome: not ReadOutcome.Read } unread)
        {
            return new RowResult(row, Outcome.Failed, unread.HttpStatus ?? sent.HttpStatus, sent.Attempts,
                $"the update was accepted (HTTP {sent.HttpStatus}) but could not be checked: {Said(unread)}", changes);
        }

        var held = LiveLead.From(v2.Data ?? default, v1?.Data, rules);
        lead.Live = held;
        var notKept = held.Changes(update);
        if (notKept.Count == 0)
        {
            return new RowResult(row, Outcome.Updated, sent.HttpStatus, sent.Attempts, Changes: changes);
        }

        var which = string.Join("; ", notKept.Select(field => held[field.Field] is null
            ? $"{field.Field.Name}: sent {FieldChange.Shown(field.After)}, Liner's answer shows no value"
            : $"{field.Field.Name}: sent {FieldChange.Shown(field.After)}, Liner holds {FieldChange.Shown(field.Before)}"));
        return new RowResult(row, Outcome.Failed, v2.HttpStatus, sent.Attempts, $"Liner accepted the update but did not keep it: {which}", changes);
    }
}
