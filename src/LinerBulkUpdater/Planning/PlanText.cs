using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Planning;

/// <summary>A plan as <c>check</c> prints it: what the run does with each row, and what it asks of Liner, in order.</summary>
internal static class PlanText
{
    /// <returns>Labelled lines; a blank label continues the line before.</returns>
    public static IEnumerable<(string Label, string Text)> Lines(RunPlan plan, LinerOptions liner)
    {
        yield return ("run", Walk(plan.Mode));
        var first = true;
        foreach (var (request, why) in plan.Requests(liner))
        {
            yield return (first ? "requests" : "", $"{request}: {why}");
            first = false;
        }

        if (first)
        {
            yield return ("requests", "none: every row is checked here, nothing is read or written in Liner");
        }
    }

    /// <summary>The row's walk in words: <c>read each lead, send only what differs, undo row, update, read back</c>.</summary>
    public static string Walk(RunMode mode)
    {
        var words = mode.Steps.Select(step => step switch
        {
            RowStep.ReadBefore => "read each lead",
            RowStep.LiveDiff when mode.AppliesUndoFile => mode.Writes ? "put back every value that differs, also over a change made since (--restore-all)" : "compare (--restore-all: a change made since would be put back too)",
            RowStep.LiveDiff => mode.Writes ? "send only the fields that differ (--live-diff)" : "compare (--live-diff)",
            RowStep.Describe => "note what changes",
            RowStep.Guard => mode.Writes ? "put back only the fields that still hold what the run set (a field changed since is left alone)" : "compare with what the run set (a field changed since would be left alone)",
            RowStep.UndoRow => "write its undo row (--undo)",
            RowStep.Update => mode.Diff == DiffSource.Baseline ? "update what differs from --baseline" : "update",
            RowStep.ReadBack => "read it back (--verify)",
            _ => throw new ArgumentOutOfRangeException(nameof(mode), step, "unknown step"),
        }).ToList();
        return words.Count == 0 ? "a dry run: each row is checked, nothing is sent" : (mode.Writes ? "" : "a dry run: ") + string.Join(", then ", words);
    }
}
