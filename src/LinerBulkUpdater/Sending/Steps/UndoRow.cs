using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Sending.Steps;

/// <summary>
/// <c>--undo</c>: Liner's values before the change go to the undo file, flushed to the operating system, before the update.
/// A value the file cannot give back fails the row unsent; a file that cannot be written stops the run: no update may go
/// out uncovered.
/// </summary>
internal sealed class UndoRow(IUndoLog undo, RunStop stop) : IRowStep
{
    public ValueTask<StepOutcome> TakeAsync(RowWalk walk)
    {
        var row = walk.Row;
        try
        {
            return ValueTask.FromResult(undo.Cover(walk.Update.LeadId, walk.Changed, row) is { } refused
                ? walk.Finish(new RowResult(row, Outcome.Failed, 200, 0, $"{refused}; not sent", FieldChange.Describe(walk.Changed)), walk.Live)
                : walk.Next());
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            var why = $"the undo file could not be written: {exception.Message.ReplaceLineEndings(" ")}";
            stop.Stop(why);
            return ValueTask.FromResult(walk.Finish(new RowResult(row, Outcome.NotSent, Error: $"not sent: {why}"), walk.Live));
        }
    }
}
