using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// The guard of applying an undo file (CONTRACT §6 "Guarded undo"): what the run that wrote it set in each (lead,
/// field), from its <c>set:</c> columns. A field is restored only where Liner still holds one of those values; a field
/// someone changed since is left alone (<see cref="Sending.Steps.Guard"/>).
/// </summary>
/// <remarks>
/// A row of the undo file holds a field's before-value and the value its run row set; a later run row that set the
/// field again appended a row with that <c>set:</c> cell alone. So before the first row is applied the file is read
/// once for those later values, keyed by lead and field: the only values kept, one per later row that set a field
/// again (a rare thing: a lead on several rows of one run). Cells are read by the undo file's own rules.
/// </remarks>
internal sealed class UndoGuard
{
    private readonly (MappedColumn Before, int Set)[] _columns;
    private readonly FieldRules _rules;
    private readonly Dictionary<(long LeadId, UpdateField Field), List<string>> _later = [];

    private UndoGuard((MappedColumn Before, int Set)[] columns, FieldRules rules)
    {
        _columns = columns;
        _rules = rules;
    }

    /// <summary>Reads the undo file <paramref name="source"/> (<see cref="UndoFileFormat.IsGuarded"/>) for the values its later rows set.</summary>
    /// <param name="rules">The undo file's own rules (<see cref="FieldRules.ForUndoFile"/>).</param>
    public static UndoGuard Load(IRowSource source, ColumnMap columns, FieldRules rules)
    {
        var header = source.Header;
        var paired = columns.Fields.Select(column => (Before: column, Set: HeaderCells.IndexOf(header, UndoFileFormat.SetColumn(column.Field.Key)))).ToArray();
        var guard = new UndoGuard(paired, rules);
        foreach (var row in source.ReadRows())
        {
            if (rules.TryReadLeadId(Cell(row, columns.LeadIdColumn).Trim(), out var leadId) is not null)
            {
                continue;
            }

            foreach (var (before, set) in paired)
            {
                if (Cell(row, before.Index).Length == 0 && Cell(row, set) is { Length: > 0 } value)
                {
                    guard.Later(leadId, before.Field).Add(value);
                }
            }
        }

        return guard;
    }

    /// <summary>
    /// Why <paramref name="row"/> cannot be applied under the guard: a value to put back with no value the run set beside
    /// it, or a <c>set:</c> cell its field's rule refuses; null when it can.
    /// </summary>
    public string? Problem(RawRow row)
    {
        List<string>? problems = null;
        foreach (var (before, set) in _columns)
        {
            var setCell = Cell(row, set);
            if (setCell.Length > 0 && _rules.TryRead(before.Field, setCell, out _) is { } refused)
            {
                (problems ??= []).Add($"column '{UndoFileFormat.SetColumn(before.Field.Key)}': {LeadRowParser.Quote(setCell)} {refused}");
            }
            else if (setCell.Length == 0 && Cell(row, before.Index).Length > 0)
            {
                (problems ??= []).Add($"column '{before.Header}' has a value to put back, but '{UndoFileFormat.SetColumn(before.Field.Key)}', what the run set, is blank: the guard cannot tell whether the field changed since (apply with --restore-all to put it back regardless)");
            }
        }

        return problems is null ? null : string.Join("; ", problems);
    }

    /// <summary>The fields whose value a later run row set, recorded in <paramref name="row"/> alone (it puts nothing back itself).</summary>
    public IEnumerable<UpdateField> RecordedOnly(RawRow row) =>
        _columns.Where(pair => Cell(row, pair.Before.Index).Length == 0 && Cell(row, pair.Set).Length > 0).Select(pair => pair.Before.Field);

    /// <summary>Every value the run set in <paramref name="field"/> of the lead: <paramref name="row"/>'s own, and its later rows'.</summary>
    public List<FieldValue> SetIn(RawRow row, long leadId, UpdateField field)
    {
        var values = new List<FieldValue>();
        foreach (var (before, set) in _columns)
        {
            if (ReferenceEquals(before.Field, field))
            {
                Add(values, field, Cell(row, set));
            }
        }

        if (_later.TryGetValue((leadId, field), out var later))
        {
            foreach (var cell in later)
            {
                Add(values, field, cell);
            }
        }

        return values;
    }

    private void Add(List<FieldValue> values, UpdateField field, string cell)
    {
        if (cell.Length > 0 && _rules.TryRead(field, cell, out var value) is null)
        {
            values.Add(value);
        }
    }

    private List<string> Later(long leadId, UpdateField field)
    {
        if (!_later.TryGetValue((leadId, field), out var values))
        {
            _later[(leadId, field)] = values = [];
        }

        return values;
    }

    /// <summary>A cell as the undo file wrote it: untrimmed, with the <c>'</c> that kept a formula from running taken off (as <see cref="LeadRowParser"/> reads it).</summary>
    private static string Cell(RawRow row, int index) =>
        index < 0 || index >= row.Cells.Length ? "" : row.FromWorkbook ? row.Cells[index] : SpreadsheetText.Restore(row.Cells[index]);
}
