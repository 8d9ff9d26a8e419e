using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace LinerBulkUpdater.Input;

/// <summary>
/// Streams a worksheet's rows with a plain <see cref="XmlReader"/>, one <c>&lt;row&gt;</c> at a time into reused buffers,
/// so memory stays flat whatever the sheet's size. Cells come as stored; <see cref="XlsxCellDecoder"/> says what they show.
/// Refuses what Excel itself would refuse to open: rows or cells out of order, positions off the sheet.
/// </summary>
/// <remarks>
/// Not the SDK's <c>OpenXmlReader</c>: that builds an element object for every tag (a <c>Cell</c>, a <c>CellValue</c>,
/// ...): a pass over 200,000 rows of 7 cells, rows decoded, allocated 790 MB and took 2-3 s of CPU; with this reader
/// 190 MB and 0.7 s (bench/README.md).
/// What it did is kept: elements of the main namespace (transitional or strict) only where the schema puts them, a
/// leaf's text its first text node, white space included (<see cref="XlsxXmlReader"/>).
/// </remarks>
internal sealed class XlsxSheetReader : IDisposable
{
    public const int MaxColumns = 16_384;
    public const int MaxRows = 1_048_576;

    private readonly XlsxXmlReader _xml;
    private readonly XmlReader _reader;
    private readonly string _where;
    private readonly List<string> _inlineText = [];
    private XlsxRawCell[] _cells = new XlsxRawCell[16];
    private bool _inSheetData;

    /// <param name="where">The file and sheet, for messages: <c>leads.xlsx: sheet 'Leads'</c>.</param>
    /// <param name="maxCharacters">The most characters the part may unpack to (as the package was opened with).</param>
    public XlsxSheetReader(WorksheetPart part, string where, long maxCharacters)
    {
        _xml = XlsxXmlReader.Open(part, maxCharacters);
        _reader = _xml.Reader;
        _where = where;
        Part = part;
        try
        {
            _inSheetData = _xml.ReadToRoot("worksheet") && _xml.ReadToChild("sheetData");
        }
        catch
        {
            _xml.Dispose();
            throw;
        }
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
        // Everything after the cells (merges, links, print settings) is of no interest.
        while (_inSheetData && _xml.NextChild(depth: 2))
        {
            if (!_xml.IsMain("row"))
            {
                _reader.Skip();
                continue;
            }

            BeginRow();
            if (!_reader.IsEmptyElement)
            {
                while (_xml.NextChild(depth: 3))
                {
                    if (_xml.IsMain("c"))
                    {
                        ReadCell();
                    }
                    else
                    {
                        _reader.Skip();
                    }
                }
            }

            _reader.Read();
            return true;
        }

        _inSheetData = false;
        return false;
    }

    public void Dispose() => _xml.Dispose();

    private void BeginRow()
    {
        var number = _xml.Attribute("r") is { } text
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

    private void ReadCell()
    {
        // One pass over the attributes: this runs for every cell of the sheet, twice.
        string? reference = null, type = null, style = null;
        _xml.Attributes(ref reference, ref type, ref style);
        var previous = CellCount == 0 ? -1 : _cells[CellCount - 1].Column;
        var column = reference is null ? previous + 1 : ParseColumn(reference);
        if (column <= previous)
        {
            throw Damaged($"cell {XlsxValues.ColumnName(column)}{RowNumber} comes after {XlsxValues.ColumnName(previous)}{RowNumber}");
        }

        if (column >= MaxColumns)
        {
            throw Damaged($"row {RowNumber} has a cell past column XFD");
        }

        var cellType = ParseType(type);
        string? value = null;
        var formula = false;
        _inlineText.Clear();
        if (!_reader.IsEmptyElement)
        {
            while (_xml.NextChild(depth: 4))
            {
                if (_xml.IsMain("v"))
                {
                    value = _xml.LeafText();
                }
                else if (_xml.IsMain("f"))
                {
                    formula = true;
                    _reader.Skip();
                }
                else if (_xml.IsMain("is"))
                {
                    // Rich text comes in runs, each with its own <t>; the cell's text is all of them.
                    _xml.ReadRichText(_inlineText);
                }
                else
                {
                    _reader.Skip();
                }
            }
        }

        _reader.Read();
        if (_inlineText.Count > 0)
        {
            // <is> holds the text of t="inlineStr" cells; whatever a writer also left in <v> is not it.
            cellType = XlsxCellType.String;
            value = XlsxXmlReader.Join(_inlineText);
        }

        if (CellCount == _cells.Length)
        {
            Array.Resize(ref _cells, Math.Min(_cells.Length * 2, MaxColumns));
        }

        _cells[CellCount++] = new XlsxRawCell(column, cellType, ParseStyle(style), value, formula);
    }

    private static int ParseStyle(string? style) =>
        int.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : 0;

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
