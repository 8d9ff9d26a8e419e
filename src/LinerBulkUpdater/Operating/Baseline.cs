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
/// <c>#clear</c> go unsent. Per lead it keeps one 64-bit fingerprint per baseline column (see
/// <see cref="ValueFingerprint"/>); not thread-safe, as <see cref="Diff"/> writes to it.
/// </remarks>
internal sealed class Baseline : IKnownValues
{
    private readonly LeadField[] _fields;
    private readonly Dictionary<long, int> _starts;
    private readonly ulong[] _values;

    /// <param name="fields">The baseline's field columns: a lead's fingerprints are kept in this order.</param>
    /// <param name="starts">Lead id → where its fingerprints start in <paramref name="values"/>.</param>
    private Baseline(LeadField[] fields, Dictionary<long, int> starts, ulong[] values)
    {
        _fields = fields;
        _starts = starts;
        _values = values;
    }

    public int LeadCount => _starts.Count;

    /// <summary>
    /// Reads the whole baseline: its header mapped as an input's is (same aliases, report columns ignored), every
    /// cell read by the run's <paramref name="rules"/>. A lead on several rows: the last row wins, blanks included.
    /// </summary>
    /// <exception cref="UsageException">A column maps to no field, two map to one, or there is no lead_id column.</exception>
    public static Baseline Load(IRowSource source, IReadOnlyDictionary<string, string> aliases, FieldRules rules, CancellationToken cancellationToken = default)
    {
        var columns = ColumnMap.Build($"baseline {source.Path}", source.Header, aliases, ReportColumns.Recognised);
        var outcomeColumn = IndexOf(source.Header, ReportColumns.Outcome);
        var width = columns.Fields.Count;

        // Sized from the row count the source already knows, so loading never reallocates (a lead per row at most).
        var starts = new Dictionary<long, int>(source.DataRowCount);
        var values = new ulong[checked(source.DataRowCount * width)];
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
                if (start + width > values.Length)
                {
                    // Only if the file grew after the source counted its rows.
                    Array.Resize(ref values, Math.Max(values.Length * 2, width * 1024));
                }

                starts.Add(leadId, start);
            }

            for (var slot = 0; slot < width; slot++)
            {
                values[start + slot] = Fingerprint(row, columns.Fields[slot], rules);
            }
        }

        return new Baseline(columns.Fields.Select(column => column.Field).ToArray(), starts, values);
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
    public LeadUpdate? Diff(LeadUpdate update)
    {
        if (!_starts.TryGetValue(update.LeadId, out var start))
        {
            return null;
        }

        var changed = new List<FieldValue>(update.Fields.Count);
        foreach (var value in update.Fields)
        {
            var slot = SlotOf(value.Field);
            if (slot >= 0)
            {
                ref var known = ref _values[start + slot];

                // ValueFingerprint.Of is never Unknown, so an unknown field always differs.
                if (known == ValueFingerprint.Of(value))
                {
                    continue;
                }

                known = ValueFingerprint.Unknown;
            }

            changed.Add(value);
        }

        return changed.Count == update.Fields.Count ? update : update with { Fields = changed };
    }

    private int SlotOf(LeadField field)
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

    private static ulong Fingerprint(RawRow row, MappedColumn column, FieldRules rules)
    {
        var cell = Cell(row, column.Index);
        if (cell.Length == 0 || row.KindOf(column.Index) is CellKind.Boolean or CellKind.Error)
        {
            return ValueFingerprint.Unknown;
        }

        return rules.TryRead(column.Field, cell, out var value) is null ? ValueFingerprint.Of(value) : ValueFingerprint.Unknown;
    }

    /// <summary>
    /// A report used as a baseline: a failed, invalid, not_sent or dry_run row's values never reached Liner,
    /// and remembering them would keep this run from sending them.
    /// </summary>
    private static bool HoldsInLiner(string outcome) =>
        outcome.Equals(Outcome.Updated.ToReportName(), StringComparison.OrdinalIgnoreCase)
        || outcome.Equals(Outcome.Unchanged.ToReportName(), StringComparison.OrdinalIgnoreCase)
        || outcome.Equals(Outcome.Skipped.ToReportName(), StringComparison.OrdinalIgnoreCase);

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Cell(RawRow row, int index) => index < row.Cells.Length ? row.Cells[index].Trim() : "";
}
