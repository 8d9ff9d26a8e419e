using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Operating;

namespace LinerBulkUpdater.Sending.Steps;

/// <summary>
/// Applying an undo file (CONTRACT §6 "Guarded undo"): of the fields that differ from what Liner holds, only those where
/// Liner still holds a value the run set are put back; a field someone changed since is left as it is, and the row is
/// <c>changed_since</c>, naming it. A row with nothing to put back is unchanged (every field back already) or
/// changed_since.
/// </summary>
internal sealed class Guard(UndoGuard guard) : IRowStep
{
    public ValueTask<StepOutcome> TakeAsync(RowWalk walk)
    {
        var (row, leadId) = (walk.Row, walk.Update.LeadId);
        var restore = new List<FieldChange>(walk.Changed.Count);
        List<string>? leftAlone = null;
        foreach (var change in walk.Changed)
        {
            // change.Before is what Liner holds now; change.After the value from before the run.
            var set = guard.SetIn(row, leadId, change.Field);
            if (set.Exists(value => LiveLead.Same(change.Before, value)))
            {
                restore.Add(change);
            }
            else
            {
                var runSet = string.Join(" or ", set.Select(value => LeadRowParser.Quote(FieldChange.Shown(value))).Distinct());
                (leftAlone ??= []).Add($"{change.Field.Name}: Liner holds {LeadRowParser.Quote(FieldChange.Shown(change.Before))}, the run had set {runSet}");
            }
        }

        var changedSince = leftAlone is null ? null : $"changed since the run, left as it is: {string.Join("; ", leftAlone)}";
        if (restore.Count == 0)
        {
            return ValueTask.FromResult(walk.Finish(
                changedSince is null
                    ? new RowResult(row, Outcome.Unchanged, 200, Error: "every field is back at its value from before the run already")
                    : new RowResult(row, Outcome.ChangedSince, 200, Error: changedSince),
                walk.Live));
        }

        // Changed too: with --undo, the undo of this undo covers what goes back, not a field left as someone set it.
        return ValueTask.FromResult((walk.Sending(restore) with { LeftAlone = changedSince }).Next());
    }
}
