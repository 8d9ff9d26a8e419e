namespace LinerBulkUpdater.Leads;

/// <summary>Turns a raw row into a sparse <see cref="LeadUpdate"/>, or says why it cannot.</summary>
/// <remarks>
/// Reasons quote a cell whole up to <see cref="QuotedLength"/> characters, and cut past that with the cell's length:
/// they go to the console and the log, where a 1 MB cell would be 1 MB of output. The report has the cell itself.
/// </remarks>
/// <param name="index">In a <c>--match-by</c> run (<see cref="ColumnMap.MatchKey"/>): Liner's leads by key, or why there are none (the sweep did not finish).</param>
internal sealed class LeadRowParser(ColumnMap columns, FieldRules rules, (LeadIndex? Leads, string? Unavailable) index = default)
{
    public const int QuotedLength = 100;

    private const string NoSavedValue = "is a formula with no saved value; open and save the file in Excel, or paste values";

    // Every header cell either maps, is unnamed, or is one the map was told to ignore: the report's own columns. So a
    // column unaccounted for means the input is a report fed back, whose input cells a CSV report made inert.
    private readonly bool _readsReport = columns.Width > 1 + columns.Fields.Count + columns.UnnamedColumns.Count;

    public RowVerdict Parse(RawRow row)
    {
        // A workbook report holds its cells as they were; a CSV report (of any input) made them inert for Excel.
        var restore = _readsReport && !row.FromWorkbook;
        var cells = row.Cells;
        if (cells.Length > columns.Width && HasValueBeyond(row, columns.Width))
        {
            return RowVerdict.Invalid($"line {row.Line} has {cells.Length} cells but the header has {columns.Width}; check for an unquoted delimiter");
        }

        List<string>? problems = null;
        foreach (var index in columns.UnnamedColumns)
        {
            if (row.KindOf(index) == CellKind.FormulaWithoutValue)
            {
                Add(ref problems, $"column {index + 1}, which has no header: cell {row.CellName(index)} {NoSavedValue}");
            }
            else if (Cell(cells, index, restore) is { Length: > 0 } stray)
            {
                Add(ref problems, $"value {Quote(stray)} is in column {index + 1}, which has no header");
            }
        }

        long leadId = 0;
        var leadIdCell = Cell(cells, columns.LeadIdColumn, restore);
        var refused = Outcome.Invalid;
        if (columns.MatchKey is { } key)
        {
            if (index.Unavailable is { } why)
            {
                return new RowVerdict(null, $"not sent: {why}", Outcome.NotSent);
            }

            if (Untyped(row, key.Column, leadIdCell, key.Field) is { } untypedKey)
            {
                Add(ref problems, $"column '{key.Header}': {untypedKey}");
            }
            else if (Match(key, leadIdCell, out leadId, out refused) is { } keyProblem)
            {
                Add(ref problems, keyProblem);
            }
        }
        else if (Untyped(row, columns.LeadIdColumn, leadIdCell) is { } untyped)
        {
            Add(ref problems, $"column '{columns.LeadIdHeader}': {untyped}");
        }
        else if (leadIdCell.Length == 0)
        {
            Add(ref problems, $"column '{columns.LeadIdHeader}' is blank");
        }
        else if (rules.TryReadLeadId(leadIdCell, out leadId) is { } leadIdProblem)
        {
            Add(ref problems, $"column '{columns.LeadIdHeader}': {Quote(leadIdCell)} {leadIdProblem}");
        }

        var fields = new List<FieldValue>(columns.Fields.Count);
        List<NumberCell>? numberCells = null;
        foreach (var column in columns.Fields)
        {
            var cell = Cell(cells, column.Index, restore, trim: !rules.ReadsCellsExactly);
            if (Untyped(row, column.Index, cell, column.Field) is { } typed)
            {
                Add(ref problems, $"column {Describe(column)}: {typed}");
            }
            else if (cell.Length == 0)
            {
                continue;
            }
            else if (rules.TryRead(column.Field, cell, out var value) is { } problem)
            {
                Add(ref problems, $"column {Describe(column)}: {Quote(cell)} {problem}");
            }
            else
            {
                fields.Add(value);
                if (row.KindOf(column.Index) == CellKind.Number && column.Field.HoldsText && value.Text is { Length: > 0 } text)
                {
                    var number = new NumberCell(column.Field, Describe(column), row.CellName(column.Index), text);
                    (numberCells ??= []).Add(number);

                    // The tool writes an undo file's values as text: a number cell there is a spreadsheet's, which may
                    // have dropped zeros that Liner held, and Liner now holds the run's value, so no read can tell.
                    if (rules.ReadsCellsExactly && number.LooksLikeId)
                    {
                        Add(ref problems, number.InUndoFile);
                    }
                }
            }
        }

        var matched = columns.MatchKey is null || leadId == 0 ? (long?)null : leadId;
        return problems is null
            ? new RowVerdict(new LeadUpdate(leadId, fields) { NumberCells = numberCells ?? [] }, null, MatchedLeadId: matched)
            : new RowVerdict(null, string.Join("; ", problems), problems.Count == 1 ? refused : Outcome.Invalid, matched);
    }

    /// <summary>The lead a row's key finds in the sweep's index: exactly one, or why not (<paramref name="refused"/> <see cref="Outcome.NotFound"/> when none has it).</summary>
    private string? Match(MatchKey key, string cell, out long leadId, out Outcome refused)
    {
        leadId = 0;
        refused = Outcome.Invalid;
        if (cell.Length == 0)
        {
            return $"column '{key.Header}' is blank: the row's key (--match-by {key.Field.Name}) finds its lead";
        }

        if (rules.TryRead(key.Field, cell, out var value) is { } problem)
        {
            return $"column '{key.Header}': {Quote(cell)} {problem}";
        }

        if (MatchKey.Of(value) is not { } text)
        {
            return $"column '{key.Header}': {Quote(cell)} is no key: it would find every lead with no {key.Field.Name}";
        }

        if (index.Leads is not { } leads)
        {
            // A check sweeps nothing: the key's form is all it can judge.
            return null;
        }

        var (ids, count) = leads.Find(text);
        if (count == 1)
        {
            leadId = ids[0];
            return null;
        }

        if (count == 0)
        {
            refused = Outcome.NotFound;
            return $"no lead in Liner has {key.Field.Name} {text} (column '{key.Header}'), among the leads swept";
        }

        var named = string.Join(", ", ids);
        return $"column '{key.Header}': {count} leads in Liner have {key.Field.Name} {text} ({(count > ids.Count ? $"the first {ids.Count}: " : "")}ids {named}): duplicates in Liner; give this row lead_id, or merge them in Liner";
    }

    /// <summary>A cell's value as a reason quotes it: <c>'AAAA…' (1048576 characters)</c> past <see cref="QuotedLength"/>.</summary>
    internal static string Quote(string value)
    {
        if (value.Length <= QuotedLength)
        {
            return $"'{value}'";
        }

        // Never half a surrogate pair: an emoji cut in two is a character no terminal can show.
        var cut = char.IsHighSurrogate(value[QuotedLength - 1]) ? QuotedLength - 1 : QuotedLength;
        return $"'{value.AsSpan(0, cut)}…' ({value.Length} characters)";
    }

    /// <param name="restore">The row is from a CSV report: undo what it did to keep the cell from running as a formula.</param>
    /// <param name="trim">False for a field's cell of an undo file, which holds Liner's value byte for byte (<see cref="FieldRules.ReadsCellsExactly"/>).</param>
    private static string Cell(string[] cells, int index, bool restore, bool trim = true)
    {
        if (index >= cells.Length)
        {
            return "";
        }

        // Restored before trimming: the report made the cell inert as read, untrimmed.
        var cell = restore ? SpreadsheetText.Restore(cells[index]) : cells[index];
        return trim ? cell.Trim() : cell;
    }

    /// <summary>Spreadsheet cells no field can take, whatever their text says.</summary>
    private static string? Untyped(RawRow row, int index, string cell, UpdateField? field = null) => row.KindOf(index) switch
    {
        CellKind.Boolean when field?.TakesBooleanCell == true => null,
        CellKind.Boolean => $"{Quote(cell)} is a TRUE/FALSE cell; only a custom field of type bool takes one",
        CellKind.Error when cell.Length > 0 => $"the cell shows the error {cell}",
        CellKind.Imprecise => $"{Quote(cell)} has more than 15 significant digits, which Excel cannot store exactly; store it as text",
        CellKind.FormulaWithoutValue => $"cell {row.CellName(index)} {NoSavedValue}",
        _ => null,
    };

    private static bool HasValueBeyond(RawRow row, int width)
    {
        for (var i = width; i < row.Cells.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(row.Cells[i]) || row.KindOf(i) == CellKind.FormulaWithoutValue)
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
