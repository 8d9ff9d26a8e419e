using System.Globalization;
using CsvHelper;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Reporting;

/// <summary>
/// The undo file (<c>--undo</c>): an ordinary input file that puts back what a run changed. CSV, UTF-8 with a BOM,
/// <c>lead_id</c> and the API's names of the fields the input sets (a custom field as <c>custom:&lt;id&gt;</c>), then the
/// same fields' <c>set:</c> columns, <see cref="SourceColumn"/> and, last, <see cref="UndoFileFormat.Column"/>. Each (lead,
/// field) has its before-value once, Liner's value before the run's first change to it, byte for byte (empty →
/// <c>#clear</c>, whatever the settings: <see cref="UndoFileFormat"/>), so the file restores the originals applied in any
/// order. Beside it, in <c>set:</c>, what the run set; a later row that sets a covered field again appends a row with its
/// <c>set:</c> cell alone, so applying the file knows every value the run set (<see cref="Operating.UndoGuard"/>). A set of
/// the leads and fields covered is all it keeps.
/// </summary>
/// <remarks>
/// Liner's values are the leads' own text (names typed into web forms), so a value that starts like a formula is
/// written <see cref="SpreadsheetText.Inert"/>, as a CSV report writes cells: a spreadsheet shows it, never runs it.
/// <see cref="SourceColumn"/> is a column no input maps, so the tool reads the file as it reads a report it wrote,
/// and gives those values back exactly (see <see cref="LeadRowParser"/>).
/// </remarks>
internal sealed class UndoFile : IUndoLog, IDisposable
{
    /// <summary>Which input row changed the values: for people; ignored as input, like the report's own columns.</summary>
    public const string SourceColumn = "undo_of";

    private readonly CsvWriter _csv;
    private readonly UpdateField[] _fields;
    private readonly FieldRules _rules;
    private readonly string _clearMarker;
    private readonly string _inputName;
    // Bit n: field n of this lead is in the file already.
    private readonly Dictionary<long, UInt128> _covered = [];
    private readonly string?[] _cells;

    /// <param name="path">A file that does not exist yet: an undo file is never written over.</param>
    /// <param name="fields">The fields the input can change: the file's columns, in this order.</param>
    /// <param name="rules">The run's rules; the undo file is read back by its own (<see cref="FieldRules.ForUndoFile"/>), and each value must read back as itself.</param>
    public UndoFile(string path, IReadOnlyList<UpdateField> fields, FieldRules rules, string inputName)
    {
        Path = path;
        _fields = [.. fields];
        if (_fields.Length > 128)
        {
            throw new UsageException($"--undo: the input sets {_fields.Length} fields, and an undo file covers at most 128; split the columns over two files");
        }

        _rules = rules.ForUndoFile();
        _clearMarker = _rules.Options.ClearMarker;
        _inputName = inputName;
        _cells = new string?[2 * _fields.Length];

        // CreateNew: never over an earlier undo file (a resumed run writes its own), nor through a link planted at the path.
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        _csv = CsvWriter.Create(file, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: false);
        _csv.WriteField("lead_id");
        foreach (var field in _fields)
        {
            // A custom field by its id: a title may be renamed, or shared, by the time the file is applied.
            _csv.WriteField(field.Key);
        }

        foreach (var field in _fields)
        {
            _csv.WriteField(UndoFileFormat.SetColumn(field.Key));
        }

        _csv.WriteField(SourceColumn);
        _csv.WriteField(UndoFileFormat.Column);
        _csv.EndRecord();
        _csv.Flush();
    }

    public string Path { get; }

    /// <summary>Whether a header is an undo file's: it has <see cref="SourceColumn"/>.</summary>
    public static bool IsUndoFile(IReadOnlyList<string> header) => header.Contains(SourceColumn, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Where the undo file of <paramref name="inputPath"/> goes: <paramref name="undo"/> itself, or, when that is a
    /// folder (always so in a folder run), <c>&lt;input name&gt;.undo-&lt;UTC stamp&gt;.csv</c> in it, with <c>-2</c>, <c>-3</c>…
    /// after the stamp when that name is taken (two inputs of one name and another extension, in one second).
    /// </summary>
    public static string PathFor(string undo, string inputPath, DateTimeOffset startedAt)
    {
        if (!Directory.Exists(undo))
        {
            return undo;
        }

        var name = $"{System.IO.Path.GetFileNameWithoutExtension(inputPath)}.undo-{ReportWriters.Stamp(startedAt)}";
        var path = System.IO.Path.Combine(undo, name + ".csv");
        for (var n = 2; File.Exists(path) || Directory.Exists(path); n++)
        {
            path = System.IO.Path.Combine(undo, $"{name}-{n}.csv");
        }

        return path;
    }

    /// <summary>Undo rows written: one per row of the run that changed a field of its lead.</summary>
    public int Rows { get; private set; }

    public string? Cover(long leadId, IReadOnlyList<FieldChange> changes, RawRow row)
    {
        lock (_covered)
        {
            _covered.TryGetValue(leadId, out var covered);
            var added = covered;
            Array.Clear(_cells);
            var any = false;
            foreach (var change in changes)
            {
                var slot = Array.IndexOf(_fields, change.Field);
                if (slot < 0)
                {
                    continue;
                }

                if ((added & (UInt128.One << slot)) == 0)
                {
                    var cell = Cell(change.Before);
                    if (ReadsBack(change.Before, cell) is { } problem)
                    {
                        return $"Liner holds {LeadRowParser.Quote(FieldChange.Shown(change.Before))} in {change.Field.Name}, which an undo file could not put back ({problem})";
                    }

                    added |= UInt128.One << slot;
                    _cells[slot] = cell;
                }

                // Every value the run sets, the first and any later row's: the guard restores a field only where Liner holds one of them.
                _cells[_fields.Length + slot] = Cell(change.After);
                any = true;
            }

            if (!any)
            {
                return null;
            }

            _csv.WriteField(leadId.ToString(CultureInfo.InvariantCulture));
            foreach (var cell in _cells)
            {
                _csv.WriteField(cell ?? "");
            }

            _csv.WriteField($"{_inputName} row {row.SourceRow.ToString(CultureInfo.InvariantCulture)}");
            // Last, so that a row a full disk cut short lacks it, and is never applied in part.
            _csv.WriteField(UndoFileFormat.Version);
            _csv.EndRecord();

            // To the operating system before the update goes: a kill -9 after this loses nothing.
            _csv.Flush();
            _covered[leadId] = added;
            Rows++;
            return null;
        }
    }

    public void Dispose() => _csv.Dispose();

    /// <summary>Text as its field writes it for an undo file (<see cref="UpdateField.UndoCell"/>: a phone with its "+").</summary>
    private string Cell(FieldValue before) => before switch
    {
        { Number: { } number } => number.ToString(CultureInfo.InvariantCulture),
        { Text: { Length: > 0 } text } => SpreadsheetText.Inert(before.Field.UndoCell(text)),
        _ => _clearMarker,
    };

    /// <summary>Null when the cell, read as the undo file will be (untrimmed), is the value again byte for byte; else the rule's complaint.</summary>
    private string? ReadsBack(FieldValue before, string cell)
    {
        if (_rules.TryRead(before.Field, SpreadsheetText.Restore(cell), out var back) is { } problem)
        {
            return $"it {problem}";
        }

        return Exactly(back, before) ? null : $"it would read back as {LeadRowParser.Quote(FieldChange.Shown(back))}";
    }

    /// <summary>Equal to the byte, not as <see cref="LiveLead.Same"/> compares (trimmed); empty is one value, <c>""</c> or <c>null</c>.</summary>
    private static bool Exactly(FieldValue back, FieldValue before) =>
        back.Number == before.Number && string.Equals(back.Text ?? "", before.Text ?? "", StringComparison.Ordinal);
}
