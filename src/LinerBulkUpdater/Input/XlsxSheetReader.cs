using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LinerBulkUpdater.Input;

/// <summary>
/// Streams a worksheet's rows with the SDK's SAX reader, one <c>&lt;row&gt;</c> at a time into reused buffers, so memory
/// stays flat whatever the sheet's size. Cells come as stored; <see cref="XlsxCellDecoder"/> says what they show.
/// Refuses what Excel itself would refuse to open: rows or cells out of order, positions off the sheet.
/// </summary>
internal sealed class XlsxSheetReader : IDisposable
{
    public const int MaxColumns = 16_384;
    public const int MaxRows = 1_048_576;

    private readonly OpenXmlReader _reader;
    private readonly string _where;
    private readonly StringBuilder _inlineText = new();
    private XlsxRawCell[] _cells = new XlsxRawCell[16];

    // The cell being read.
    private int _column;
    private XlsxCellType _type;
    private int _style;
    private string? _value;
    private bool _formula;
    private bool _inInlineString;
    private int _inlinePieces;
    private int _phoneticDepth;

    /// <param name="where">The file and sheet, for messages: <c>leads.xlsx: sheet 'Leads'</c>.</param>
    public XlsxSheetReader(WorksheetPart part, string where)
    {
        _reader = OpenXmlReader.Create(part);
        _where = where;
        Part = part;
    }

    public WorksheetPart Part { get; }

    /// <summary>The sheet row number (1-based) of the row last read.</summary>
    public int RowNumber { get; private set; }

    /// <summary>The <c>&lt;c&gt;</c> elements of the row last read, empty ones included, in column order.</summary>
    public ReadOnlySpan<XlsxRawCell> Cells => _cells.AsSpan(0, CellCount);

    public int CellCount { get; private set; }

    /// <summary>Moves to the next <c>&lt;row&gt;</c> element; false after the last.</summary>
    public bool ReadRow()
    {
        while (_reader.Read())
        {
            var type = _reader.ElementType;
            var start = _reader.IsStartElement;
            if (type == typeof(Cell))
            {
                if (start)
                {
                    BeginCell();
                }
                else
                {
                    EndCell();
                }
            }
            else if (type == typeof(CellValue))
            {
                if (start)
                {
                    _value = _reader.GetText();
                }
            }
            else if (type == typeof(CellFormula))
            {
                _formula |= start;
            }
            else if (type == typeof(Row))
            {
                if (start)
                {
                    BeginRow();
                }
                else
                {
                    return true;
                }
            }
            else if (type == typeof(InlineString))
            {
                _inInlineString = start;
            }
            else if (type == typeof(PhoneticRun))
            {
                // A furigana reading of the text, not part of it.
                _phoneticDepth += start ? 1 : -1;
            }
            else if (type == typeof(Text))
            {
                if (start && _inInlineString && _phoneticDepth == 0)
                {
                    // Rich text comes in runs, each with its own <t>; the cell's text is all of them.
                    _inlineText.Append(_reader.GetText());
                    _inlinePieces++;
                }
            }
            else if (type == typeof(SheetData) && !start)
            {
                // Everything after the cells (merges, links, print settings) is of no interest.
                return false;
            }
        }

        return false;
    }

    public void Dispose() => _reader.Dispose();

    private void BeginRow()
    {
        var number = XlsxXml.Attribute(_reader, "r") is { } text
            ? ParseRowNumber(text)
            : RowNumber + 1;
        if (number <= RowNumber)
        {
            throw Damaged($"row {number} comes after row {RowNumber}");
        }

        if (number > MaxRows)
        {
            throw Damaged($"row {number} is past the last row a sheet can have");
        }

        RowNumber = number;
        CellCount = 0;
    }

    private void BeginCell()
    {
        // One pass over the attributes: this runs for every cell of the sheet, twice.
        string? reference = null, type = null, style = null;
        var attributes = _reader.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            switch (attributes[i].LocalName)
            {
                case "r":
                    reference = attributes[i].Value;
                    break;
                case "t":
                    type = attributes[i].Value;
                    break;
                case "s":
                    style = attributes[i].Value;
                    break;
            }
        }

        var previous = CellCount == 0 ? -1 : _cells[CellCount - 1].Column;
        _column = reference is null ? previous + 1 : ParseColumn(reference);
        if (_column <= previous)
        {
            throw Damaged($"cell {XlsxValues.ColumnName(_column)}{RowNumber} comes after {XlsxValues.ColumnName(previous)}{RowNumber}");
        }

        if (_column >= MaxColumns)
        {
            throw Damaged($"row {RowNumber} has a cell past column XFD");
        }

        _type = ParseType(type);
        _style = int.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : 0;
        _value = null;
        _formula = false;
        _inlineText.Clear();
        _inlinePieces = 0;
        _inInlineString = false;
        _phoneticDepth = 0;
    }

    private void EndCell()
    {
        if (_inlinePieces > 0)
        {
            // <is> holds the text of t="inlineStr" cells; whatever a writer also left in <v> is not it.
            _type = XlsxCellType.String;
            _value = _inlineText.ToString();
        }

        if (CellCount == _cells.Length)
        {
            Array.Resize(ref _cells, Math.Min(_cells.Length * 2, MaxColumns));
        }

        _cells[CellCount++] = new XlsxRawCell(_column, _type, _style, _value, _formula);
    }

    private static XlsxCellType ParseType(string? type) => type switch
    {
        null or "n" => XlsxCellType.Number,
        "s" => XlsxCellType.SharedString,
        "b" => XlsxCellType.Boolean,
        "e" => XlsxCellType.Error,
        "d" => XlsxCellType.IsoDate,
        _ => XlsxCellType.String,
    };

    private int ParseRowNumber(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 ? number : throw Damaged($"a row is numbered '{text}'");

    /// <summary>The 0-based column of a reference such as <c>C7</c>; the row part is the row element's business.</summary>
    private int ParseColumn(string reference)
    {
        var column = 0;
        var letters = 0;
        while (letters < reference.Length && letters < 4 && char.IsAsciiLetter(reference[letters]))
        {
            column = column * 26 + (char.ToUpperInvariant(reference[letters]) - 'A' + 1);
            letters++;
        }

        if (letters == 0 || letters == reference.Length || reference.AsSpan(letters).ContainsAnyExceptInRange('0', '9'))
        {
            throw Damaged($"row {RowNumber} has a cell at '{reference}', which is not a cell reference");
        }

        return column - 1;
    }

    private UsageException Damaged(string what) =>
        new($"{_where}: the sheet is damaged ({what}); open it in Excel and save it again");
}
