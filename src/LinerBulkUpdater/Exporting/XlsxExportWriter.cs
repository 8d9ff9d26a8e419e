using System.Globalization;
using System.IO.Packaging;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Exporting;

/// <summary>
/// An export as a workbook, streamed as the report is (<see cref="XlsxReportFile"/>): a write-only package, the sheet's
/// rows written through the SAX writer as leads are read, the workbook part last. Text is inline (a text cell is never
/// a formula); the lead id and the integers are numbers; the header is bold and frozen.
/// </summary>
internal sealed class XlsxExportWriter : IExportWriter
{
    public const string SheetName = "Leads";

    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    private const string ContentTypes = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    private readonly FileStream _file;
    private readonly Package _package;
    private readonly PackagePart _sheetPart;
    private readonly PackagePart _stylesPart;
    private readonly Stream _sheetStream;
    private readonly XlsxSheetWriter _sheet;
    private readonly bool[] _numbers;
    private bool _completed;

    public XlsxExportWriter(string path, IReadOnlyList<ExportColumn> columns)
    {
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        _package = Package.Open(_file, FileMode.Create, FileAccess.Write);
        _stylesPart = AddPart("styles.xml", "styles+xml");
        using (var stream = _stylesPart.GetStream(FileMode.Create, FileAccess.Write))
        {
            XlsxStyles.Write(stream);
        }

        _sheetPart = AddPart("worksheets/sheet1.xml", "worksheet+xml");
        _sheetStream = _sheetPart.GetStream(FileMode.Create, FileAccess.Write);
        _numbers = [.. columns.Select(column => column.IsNumber)];
        var widths = columns.Select(column => (double)Math.Clamp(column.Header.Length + 4, 10, 40)).ToList();
        var styles = columns.Select(column => column.IsNumber ? XlsxStyles.Plain : XlsxStyles.Text).ToList();
        _sheet = new XlsxSheetWriter(_sheetStream, widths, styles, freezeHeader: true, selected: true);
        _sheet.StartRow();
        foreach (var column in columns)
        {
            _sheet.Text(column.Header, XlsxStyles.Header);
        }
    }

    public void Write(IReadOnlyList<string> cells)
    {
        _sheet.StartRow();
        for (var i = 0; i < cells.Count; i++)
        {
            if (_numbers[i] && long.TryParse(cells[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && Math.Abs(number) < 1_000_000_000_000_000)
            {
                _sheet.Number(number, XlsxStyles.Plain);
            }
            else
            {
                _sheet.Text(cells[i], XlsxStyles.Text);
            }
        }
    }

    /// <summary>The sheet's end and the workbook part: until then the file is no workbook, so a stopped export completes too.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _sheet.Finish(autoFilter: null);
        _sheet.Dispose();
        _sheetStream.Dispose();
        var workbook = AddPart("workbook.xml", "sheet.main+xml");
        _package.CreateRelationship(workbook.Uri, TargetMode.Internal, Relationships + "officeDocument", "rId1");
        workbook.CreateRelationship(new Uri("worksheets/sheet1.xml", UriKind.Relative), TargetMode.Internal, Relationships + "worksheet", "rId1");
        workbook.CreateRelationship(new Uri("styles.xml", UriKind.Relative), TargetMode.Internal, Relationships + "styles", "rId2");
        using var stream = workbook.GetStream(FileMode.Create, FileAccess.Write);
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument();
        writer.WriteElement(new Workbook(
            new BookViews(new WorkbookView { ActiveTab = 0 }),
            new Sheets(new Sheet { Name = SheetName, SheetId = 1, Id = "rId1" })));
    }

    public void Dispose()
    {
        Complete();
        _package.Close();
        _file.Dispose();
    }

    private PackagePart AddPart(string name, string contentType) =>
        _package.CreatePart(new Uri("/xl/" + name, UriKind.Relative), ContentTypes + contentType, CompressionOption.Normal);
}
