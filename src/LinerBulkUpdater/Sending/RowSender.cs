using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Planning;
using LinerBulkUpdater.Sending.Steps;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// One row's walk to Liner, for the worker that holds its lead: the steps the run's mode picked (<see cref="RunMode.Steps"/>:
/// read before, live diff, guard or describe, undo row, update, read back), in order, each taking the walk and returning the
/// next, until one finishes the row or the walk ends. Each request is a <see cref="LeadSender"/> call like any other:
/// same limiter, retries and stop.
/// </summary>
internal sealed class RowSender
{
    private readonly IRowStep[] _steps;
    private readonly bool _writes;
    private readonly LeadSender _sender;

    /// <param name="undo">The undo file, when the mode writes one.</param>
    /// <param name="guard">What the undo file being applied says the run set, when the mode guards.</param>
    public RowSender(LeadSender sender, RunMode mode, IUndoLog? undo, UndoGuard? guard, FieldRules rules, RunStop stop)
    {
        _writes = mode.Writes;
        _sender = sender;
        _steps = [.. mode.Steps.Select(step => step switch
        {
            RowStep.ReadBefore => (IRowStep)new ReadBefore(sender, rules, stop),
            RowStep.LiveDiff => new LiveDiff(),
            RowStep.Describe => new Describe(),
            RowStep.Guard => new Guard(guard ?? throw new ArgumentNullException(nameof(guard), "the mode guards an undo file")),
            RowStep.UndoRow => new UndoRow(undo ?? throw new ArgumentNullException(nameof(undo), "the mode writes an undo file"), stop),
            RowStep.Update => new Update(sender),
            RowStep.ReadBack => new ReadBack(sender, rules),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), step, "unknown step"),
        })];
    }

    /// <summary>A row's slot of <c>--concurrency</c> (<see cref="LeadSender.NewRow"/>), for the caller to give up once the row is in the report.</summary>
    public RowTicket NewRow(LiveLead? known) => _sender.NewRow(started: known is not null);

    /// <param name="known">What the worker knows of the lead from its earlier rows; null when nothing.</param>
    /// <param name="ticket">The row's slot (<see cref="NewRow"/>), kept across its requests; the caller frees it.</param>
    /// <returns>The row's result, and what is known of the lead after it (null when its state is unknown: a failed update).</returns>
    public async Task<(RowResult Result, LiveLead? Known)> SendAsync(RowToSend next, LiveLead? known, RowTicket ticket)
    {
        var walk = RowWalk.Start(next, known, ticket);
        foreach (var step in _steps)
        {
            var (after, finished) = await step.TakeAsync(walk);
            if (finished is not null)
            {
                return (finished, after.Live);
            }

            walk = after;
        }

        // A dry run's later rows of this lead compare against what this one would have set.
        return (walk.Result, _writes ? walk.Live : walk.Live?.Applied(walk.Update));
    }
}
