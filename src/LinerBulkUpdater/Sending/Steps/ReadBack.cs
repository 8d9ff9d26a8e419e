using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Sending.Steps;

/// <summary><c>--verify</c>: the lead read back after Liner accepted the update; a field it did not keep fails the row (HTTP 200), naming it.</summary>
internal sealed class ReadBack(LeadSender sender, FieldRules rules) : IRowStep
{
    public async ValueTask<StepOutcome> TakeAsync(RowWalk walk)
    {
        var (row, update, sent, changes) = (walk.Row, walk.Update, walk.Sent!, walk.Changes);
        var v2 = await sender.ReadLeadAsync(update.LeadId, v1: false, walk.Ticket);
        var v1 = v2.Outcome == ReadOutcome.Read && LiveLead.NeedsV1(update) ? await sender.ReadLeadAsync(update.LeadId, v1: true, walk.Ticket) : null;
        if ((v1 ?? v2) is { Outcome: not ReadOutcome.Read } unread)
        {
            return walk.Finish(
                new RowResult(row, Outcome.Failed, unread.HttpStatus ?? sent.HttpStatus, sent.Attempts, $"the update was accepted (HTTP {sent.HttpStatus}) but could not be checked: {unread.Said}", changes),
                null);
        }

        var held = LiveLead.From(v2.Data ?? default, v1?.Data, rules);
        var notKept = held.Changes(update);
        if (notKept.Count == 0)
        {
            return (walk with { Live = held }).Next();
        }

        var which = string.Join("; ", notKept.Select(field => held[field.Field] is null
            ? $"{field.Field.Name}: sent {FieldChange.Shown(field.After)}, Liner's answer shows no value"
            : $"{field.Field.Name}: sent {FieldChange.Shown(field.After)}, Liner holds {FieldChange.Shown(field.Before)}"));
        return walk.Finish(new RowResult(row, Outcome.Failed, v2.HttpStatus, sent.Attempts, $"Liner accepted the update but did not keep it: {which}", changes), held);
    }
}
