namespace LinerBulkUpdater.Leads;

/// <summary>Whether an input names any status by code or title, so that Liner's status list must be read first.</summary>
internal static class StatusColumn
{
    /// <summary>
    /// A pass over the status column, before anything is sent (the list is read before the first update, and not
    /// at all for a file of ids). Stops at the first cell that is not an id.
    /// </summary>
    public static bool NamesStatuses(IEnumerable<RawRow> rows, ColumnMap columns, FieldRules rules)
    {
        if (columns.Fields.FirstOrDefault(column => ReferenceEquals(column.Field, LeadFields.Status)) is not { } status)
        {
            return false;
        }

        foreach (var row in rows)
        {
            var cell = status.Index < row.Cells.Length ? row.Cells[status.Index].Trim() : "";
            if (cell.Length > 0 && row.KindOf(status.Index) == CellKind.Text && !rules.IsClearMarker(cell) && !FieldRules.TryReadInteger(cell, out _))
            {
                return true;
            }
        }

        return false;
    }
}
