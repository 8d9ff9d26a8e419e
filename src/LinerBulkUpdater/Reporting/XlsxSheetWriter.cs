using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml;
using LinerBulkUpdater.Input;

namespace LinerBulkUpdater.Reporting;

/// <summary>
/// Writes one worksheet row by row through the Open XML SDK's SAX writer, so a sheet of a million rows
/// never exists in memory. Text goes in inline strings: no shared-string table to hold in memory, and a
/// text cell can never be a formula.
/// </summary>
internal sealed class XlsxSheetWriter : IDisposable
{
    // The writer only takes an element's name from these; one instance of each serves every cell.
    private static readonly Row RowElement = new();
    private static readonly Cell CellElement = new();
    private static readonly CellValue ValueElement = new();
    private static readonly InlineString InlineElement = new();
    private static readonly Text TextElement = new();
    private static readonly OpenXmlAttribute InlineStringType = Attribute("t", "inlineStr");
    private static readonly OpenXmlAttribute[] PreserveSpace = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];
    private static readonly string[] StyleIds = Enumerable.Range(0, XlsxStyles.Count).Select(id => id.ToString(CultureInfo.InvariantCulture)).ToArray();

    private readonly OpenXmlWriter _writer;
    private readonly List<string> _columnNames = [];
    private string _rowNumber = "";
    private int _column;
    private bool _rowOpen;

    /// <param name="part">The worksheet part's stream.</param>
    /// <param name="widths">Each column's width, in characters: set here, since measuring text needs GDI+, which Linux lacks.</param>
    /// <param name="columnStyles">Each column's format for cells a user adds later; null for none.</param>
    /// <param name="freezeHeader">Keep row 1 in view while scrolling.</param>
    /// <param name="selected">The sheet Excel shows first.</param>
    public XlsxSheetWriter(Stream part, IReadOnlyList<double> widths, IReadOnlyList<uint>? columnStyles, bool freezeHeader, bool selected)
    {
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartDocument();
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(View(freezeHeader, selected));
        var columns = new Columns();
        for (var i = 0; i < widths.Count; i++)
        {
            var column = new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Round(widths[i], 2), CustomWidth = true };
            if (columnStyles is not null && columnStyles[i] != XlsxStyles.Plain)
            {
                column.Style = columnStyles[i];
            }

            columns.Append(column);
        }

        if (widths.Count > 0)
        {
            _writer.WriteElement(columns);
        }

        _writer.WriteStartElement(new SheetData());
    }

    /// <summary>Rows written so far; the last one's number.</summary>
    public int RowCount { get; private set; }

    public void StartRow()
    {
        EndRow();
        RowCount++;
        _rowNumber = RowCount.ToString(CultureInfo.InvariantCulture);
        _column = 0;
        _writer.WriteStartElement(RowElement, [Attribute("r", _rowNumber)]);
        _rowOpen = true;
    }

    public void Text(string text, uint style)
    {
        if (text.Length == 0)
        {
            Empty(style);
            return;
        }

        _writer.WriteStartElement(CellElement, CellAttributes(style, InlineStringType));
        _writer.WriteStartElement(InlineElement);
        var escaped = XlsxText.Escape(text);
        _writer.WriteStartElement(TextElement, XlsxText.NeedsPreserve(escaped) ? PreserveSpace : []);
        _writer.WriteString(escaped);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    public void Number(long number, uint style)
    {
        _writer.WriteStartElement(CellElement, CellAttributes(style, null));
        _writer.WriteStartElement(ValueElement);
        _writer.WriteString(number.ToString(CultureInfo.InvariantCulture));
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    /// <summary>A blank cell: written only when it has a format to show (a tinted row stays tinted across its gaps).</summary>
    public void Empty(uint style)
    {
        if (style is XlsxStyles.Plain or XlsxStyles.Text)
        {
            _column++;
            return;
        }

        _writer.WriteStartElement(CellElement, CellAttributes(style, null));
        _writer.WriteEndElement();
    }

    /// <summary>Closes the sheet's data; <paramref name="autoFilter"/> (e.g. <c>A1:H101</c>) puts filter buttons on the header.</summary>
    public void Finish(string? autoFilter)
    {
        EndRow();
        _writer.WriteEndElement();
        if (autoFilter is not null)
        {
            _writer.WriteElement(new AutoFilter { Reference = autoFilter });
        }

        _writer.WriteEndElement();
    }

    public void Dispose() => _writer.Dispose();

    private void EndRow()
    {
        if (_rowOpen)
        {
            _writer.WriteEndElement();
            _rowOpen = false;
        }
    }

    private OpenXmlAttribute[] CellAttributes(uint style, OpenXmlAttribute? type)
    {
        var reference = Attribute("r", ColumnName(_column++) + _rowNumber);
        return (style, type) switch
        {
            (XlsxStyles.Plain, null) => [reference],
            (XlsxStyles.Plain, { } t) => [reference, t],
            (_, null) => [reference, Attribute("s", StyleIds[style])],
            (_, { } t) => [reference, Attribute("s", StyleIds[style]), t],
        };
    }

    private string ColumnName(int index)
    {
        while (_columnNames.Count <= index)
        {
            _columnNames.Add(XlsxValues.ColumnName(_columnNames.Count));
        }

        return _columnNames[index];
    }

    private static SheetViews View(bool freezeHeader, bool selected)
    {
        var view = new SheetView { WorkbookViewId = 0 };
        if (selected)
        {
            view.TabSelected = true;
        }

        if (freezeHeader)
        {
            view.Append(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } });
        }

        return new SheetViews(view);
    }

    private static OpenXmlAttribute Attribute(string name, string value) => new("", name, "", value);
}
