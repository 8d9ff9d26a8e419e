namespace LinerBulkUpdater.Leads;

/// <summary>Turns a raw row into a sparse <see cref="LeadUpdate"/>, or says why it cannot.</summary>
internal sealed class LeadRowParser(ColumnMap columns, FieldRules rules)
{
    public RowVerdict Parse(RawRow row)
    {
        var cells = row.Cells;
        if (cells.Length > columns.Width && HasValueBeyond(cells, columns.Width))
        {
            return RowVerdict.Invalid($"line {row.Line} has {cells.Length} cells but the header has {columns.Width}; check for an unquoted delimiter");
        }

        List<string>? problems = null;
        foreach (var index in columns.UnnamedColumns)
        {
            if (Cell(cells, index) is { Length: > 0 } stray)
            {
                Add(ref problems, $"value '{stray}' is in column {index + 1}, which has no header");
            }
        }

        long leadId = 0;
        var leadIdCell = Cell(cells, columns.LeadIdColumn);
        if (leadIdCell.Length == 0)
        {
            Add(ref problems, $"column '{columns.LeadIdHeader}' is blank");
        }
        else if (Untyped(row, columns.LeadIdColumn, leadIdCell) is { } typed)
        {
            Add(ref problems, $"column '{columns.LeadIdHeader}': {typed}");
        }
        else if (rules.TryReadLeadId(leadIdCell, out leadId) is { } leadIdProblem)
        {
            Add(ref problems, $"column '{columns.LeadIdHeader}': '{leadIdCell}' {leadIdProblem}");
        }

        var fields = new List<FieldValue>(columns.Fields.Count);
        foreach (var column in columns.Fields)
        {
            var cell = Cell(cells, column.Index);
            if (cell.Length == 0)
            {
                continue;
            }

            if (Untyped(row, column.Index, cell) is { } typed)
            {
                Add(ref problems, $"column {Describe(column)}: {typed}");
            }
            else if (rules.TryRead(column.Field, cell, out var value) is { } problem)
            {
                Add(ref problems, $"column {Describe(column)}: '{cell}' {problem}");
            }
            else
            {
                fields.Add(value);
            }
        }

        return problems is null
            ? new RowVerdict(new LeadUpdate(leadId, fields), null)
            : RowVerdict.Invalid(string.Join("; ", problems));
    }

    private static string Cell(string[] cells, int index) => index < cells.Length ? cells[index].Trim() : "";

    /// <summary>Spreadsheet cells no field can take, whatever their text says.</summary>
    private static string? Untyped(RawRow row, int index, string cell) => row.KindOf(index) switch
    {
        CellKind.Boolean => $"'{cell}' is a TRUE/FALSE cell; no field takes one",
        CellKind.Error => $"the cell shows the error {cell}",
        _ => null,
    };

    private static bool HasValueBeyond(string[] cells, int width)
    {
        for (var i = width; i < cells.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(cells[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(MappedColumn column) =>
        string.Equals(column.Header, column.Field.Name, StringComparison.OrdinalIgnoreCase)
            ? $"'{column.Header}'"
            : $"'{column.Header}' ({column.Field.Name})";

    private static void Add(ref List<string>? problems, string problem) => (problems ??= []).Add(problem);
}
