using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// What an earlier export says each lead holds (<c>--baseline FILE</c>), so a run sends only the fields that
/// changed. Values are compared as the run normalises them: <c>+7 900 123-00-04</c> and <c>89001230004</c>
/// are the same phone, <c>2.0</c> is <c>2</c>, <c>@ivan</c> is <c>ivan</c>.
/// </summary>
/// <remarks>
/// Anything the baseline does not say for sure is sent: a blank cell (an export's blank may be a value it
/// left out), an invalid cell, a lead it lacks. Only a baseline cell holding the clear marker lets a
/// <c>#clear</c> go unsent. Per lead it keeps, per baseline column, where its value is in a
/// <see cref="ValueArena"/> (or that nothing is known); not thread-safe, as <see cref="Diff"/> writes to it.
/// </remarks>
internal sealed class Baseline : IKnownValues
{
    // A slot that holds this knows nothing of its field: the field is always sent.
    private const int Unknown = -1;

    private readonly UpdateField[] _fields;
    private readonly Dictionary<long, int> _starts;
    private readonly int[] _slots;
    private readonly ValueArena _values;

    /// <param name="fields">The baseline's field columns: a lead's slots are kept in this order.</param>
    /// <param name="starts">Lead id → where its slots start in <paramref name="slots"/>.</param>
    /// <param name="slots">Per lead and field, where the value is in <paramref name="values"/>, or <see cref="Unknown"/>.</param>
    private Baseline(UpdateField[] fields, Dictionary<long, int> starts, int[] slots, ValueArena values)
    {
        _fields = fields;
        _starts = starts;
        _slots = slots;
        _values = values;
    }

    public int LeadCount => _starts.Count;

    /// <summary>
    /// Reads the whole baseline: its header mapped as an input's is (same aliases, report columns ignored), every
    /// cell read by the run's <paramref name="rules"/>. A lead on several rows: the last row wins, blanks included.
    /// </summary>
    /// <exception cref="UsageException">A column maps to no field, two map to one, or there is no lead_id column.</exception>
    /// <param name="custom">Liner's custom fields, when the run read them: the baseline may hold custom columns too.</param>
    public static Baseline Load(IRowSource source, IReadOnlyDictionary<string, string> aliases, FieldRules rules, CustomFields? custom = null, CancellationToken cancellationToken = default)
    {
        var columns = ColumnMap.Build($"baseline {source.Path}", source.Header, aliases, ReportColumns.IgnoredIn(source.Header), custom);
        var outcomeColumn = HeaderCells.IndexOf(source.Header, ReportColumns.Outcome);
        var width = columns.Fields.Count;

        // Sized from the row count the source already knows, so loading never reallocates (a lead per row at most).
        var starts = new Dictionary<long, int>(source.DataRowCount);
        var slots = new int[checked(source.DataRowCount * width)];
        var values = new ValueArena();
        foreach (var row in source.ReadRows(cancellationToken))
        {
            if (outcomeColumn >= 0 && !HoldsInLiner(Cell(row, outcomeColumn)))
            {
                continue;
            }

            var leadIdCell = Cell(row, columns.LeadIdColumn);
            if (leadIdCell.Length == 0 || rules.TryReadLeadId(leadIdCell, out var leadId) is not null)
            {
                continue;
            }

            if (!starts.TryGetValue(leadId, out var start))
            {
                start = starts.Count * width;
                if (start + width > slots.Length)
                {
                    // Only if the file grew after the source counted its rows.
                    Array.Resize(ref slots, Math.Max(slots.Length * 2, width * 1024));
                }

                starts.Add(leadId, start);
            }

            for (var slot = 0; slot < width; slot++)
            {
                slots[start + slot] = Keep(row, columns.Fields[slot], rules, values);
            }
        }

        return new Baseline(columns.Fields.Select(column => column.Field).ToArray(), starts, slots, values);
    }

    /// <summary>
    /// The part of <paramref name="update"/> the baseline does not already hold: null when the lead is not in it
    /// (send it whole), an update with no fields when nothing differs (the row is <c>unchanged</c>).
    /// </summary>
    /// <remarks>
    /// Call it once per valid row, in file order, including rows <c>--resume</c> skips. A field a row sends is
    /// forgotten: once sent, the lead holds that row's value, or the old one if the send fails, so a later row
    /// for the same lead must send the field again to be sure of it.
    /// </remarks>
    public LeadUpdate? Diff(LeadUpdate update) => Diff(update, out _);

    /// <param name="changes">What the fields sent change, as the report's <c>changes</c> says it: <c>status: 2 → 3</c>, and <c>?</c> for what the baseline does not know.</param>
    public LeadUpdate? Diff(LeadUpdate update, out string changes)
    {
        changes = "";
        if (!_starts.TryGetValue(update.LeadId, out var start))
        {
            return null;
        }

        var changed = new List<FieldValue>(update.Fields.Count);
        List<string>? described = null;
        foreach (var value in update.Fields)
        {
            var slot = SlotOf(value.Field);
            FieldValue? before = null;
            if (slot >= 0)
            {
                ref var known = ref _slots[start + slot];
                if (known != Unknown && _values.Holds(known, value))
                {
                    continue;
                }

                before = known == Unknown ? null : _values.Get(known, value.Field);
                known = Unknown;
            }

            changed.Add(value);
            (described ??= []).Add(before is { } held ? new FieldChange(value.Field, held, value).ToString() : $"{value.Field.Name}: ? → {FieldChange.Shown(value)}");
        }

        changes = described is null ? "" : string.Join("; ", described);
        return changed.Count == update.Fields.Count ? update : update with { Fields = changed };
    }

    private int SlotOf(UpdateField field)
    {
        for (var slot = 0; slot < _fields.Length; slot++)
        {
            if (ReferenceEquals(_fields[slot], field))
            {
                return slot;
            }
        }

        return -1;
    }

    private static int Keep(RawRow row, MappedColumn column, FieldRules rules, ValueArena values)
    {
        var cell = Cell(row, column.Index);
        if (cell.Length == 0 || row.KindOf(column.Index) is CellKind.Boolean or CellKind.Error)
        {
            return Unknown;
        }

        return rules.TryRead(column.Field, cell, out var value) is null ? values.Add(value) : Unknown;
    }

    /// <summary>
    /// A report used as a baseline: a failed, invalid, not_sent or dry_run row's values never reached Liner,
    /// and remembering them would keep this run from sending them.
    /// </summary>
    private static bool HoldsInLiner(string outcome) =>
        outcome.Equals(Outcome.Updated.ToReportName(), StringComparison.OrdinalIgnoreCase)
        || outcome.Equals(Outcome.Unchanged.ToReportName(), StringComparison.OrdinalIgnoreCase)
        || outcome.Equals(Outcome.Skipped.ToReportName(), StringComparison.OrdinalIgnoreCase);

    private static string Cell(RawRow row, int index) => index < row.Cells.Length ? row.Cells[index].Trim() : "";
}
