using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Sending.Steps;

/// <summary><c>--live-diff</c>: only the fields that differ from what Liner holds are sent; a row with none is unchanged, not sent.</summary>
internal sealed class LiveDiff : IRowStep
{
    public ValueTask<StepOutcome> TakeAsync(RowWalk walk)
    {
        var changed = walk.Changed;
        if (changed.Count == 0)
        {
            return ValueTask.FromResult(walk.Finish(new RowResult(walk.Row, Outcome.Unchanged, 200, Error: "no field differs from what Liner holds"), walk.Live));
        }

        return ValueTask.FromResult(walk.Sending(changed).Next());
    }
}

/// <summary>Without <c>--live-diff</c>, a lead read for its undo row still says in the report what the row changes.</summary>
internal sealed class Describe : IRowStep
{
    public ValueTask<StepOutcome> TakeAsync(RowWalk walk) => ValueTask.FromResult((walk with { Changes = FieldChange.Describe(walk.Changed) }).Next());
}
