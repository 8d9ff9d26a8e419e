using CsvHelper;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Exporting;

/// <summary>
/// An export as CSV: UTF-8 with a BOM and commas, as the template. Liner's text is written
/// <see cref="SpreadsheetText.Inert"/>, so a spreadsheet opening the file runs no formula; fed back to a run, the file's
/// <see cref="Reporting.ReportColumns.StatusTitle"/> column marks it as the tool's own, and each cell reads back exactly.
/// </summary>
internal sealed class CsvExportWriter : IExportWriter
{
    // A flush every so many rows: a stopped export's file holds what was read, and a page's worth is cheap to lose.
    private const int FlushEvery = 1000;

    private readonly CsvWriter _csv;
    private int _rows;

    public CsvExportWriter(string path, IReadOnlyList<ExportColumn> columns)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        _csv = CsvWriter.Create(file, CsvWriterOptions.Default with { Separator = ',', WriteByteOrderMark = true }, leaveOpen: false);
        foreach (var column in columns)
        {
            _csv.WriteField(column.Header);
        }

        _csv.EndRecord();
    }

    public void Write(IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            _csv.WriteField(SpreadsheetText.Inert(cells[i]));
        }

        _csv.EndRecord();
        if (++_rows % FlushEvery == 0)
        {
            _csv.Flush();
        }
    }

    public void Complete() => _csv.Flush();

    public void Dispose() => _csv.Dispose();
}
