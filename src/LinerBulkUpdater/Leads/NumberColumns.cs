namespace LinerBulkUpdater.Leads;

/// <summary>
/// The text columns where a spreadsheet has turned ids into numbers (<see cref="NumberCell"/>), each said once, at its
/// first such cell: for a run that cannot tell a dropped zero by itself. Warnings, not verdicts: a number may be what the
/// user meant, so no row's outcome changes.
/// </summary>
/// <param name="zerosGuarded">
/// The run reads what Liner holds before it writes (<c>--live-diff</c>, <c>--undo</c>), so a row whose zeros were dropped
/// is refused there: only digits past what a spreadsheet keeps, which no comparison can tell, are still worth a warning.
/// </param>
internal sealed class NumberColumns(bool zerosGuarded)
{
    private readonly HashSet<UpdateField> _said = [];

    /// <summary>The number cells of <paramref name="update"/> whose column is worth a warning and was not warned of yet.</summary>
    public IReadOnlyList<NumberCell> FirstOf(LeadUpdate update)
    {
        if (update.NumberCells.Count == 0)
        {
            return [];
        }

        List<NumberCell>? first = null;
        foreach (var cell in update.NumberCells)
        {
            if (cell.LooksLikeId && (cell.IsLong || !zerosGuarded) && _said.Add(cell.Field))
            {
                (first ??= []).Add(cell);
            }
        }

        return first ?? [];
    }
}
