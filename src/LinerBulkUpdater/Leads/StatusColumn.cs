namespace LinerBulkUpdater.Leads;

/// <summary>Whether a row names a status by code or title, so that Liner's status list is needed to read it.</summary>
internal static class StatusColumn
{
    /// <returns>The status column's index; -1 when the input has none.</returns>
    public static int Of(ColumnMap columns) =>
        columns.Fields.FirstOrDefault(column => ReferenceEquals(column.Field, LeadFields.Status)) is { } status ? status.Index : -1;

    /// <param name="index">The status column (<see cref="Of"/>).</param>
    public static bool NamesStatus(RawRow row, int index, FieldRules rules)
    {
        if (index < 0 || index >= row.Cells.Length)
        {
            return false;
        }

        var cell = row.Cells[index].Trim();
        return cell.Length > 0 && row.KindOf(index) == CellKind.Text && !rules.IsClearMarker(cell) && !FieldRules.TryReadInteger(cell, out _);
    }
}
