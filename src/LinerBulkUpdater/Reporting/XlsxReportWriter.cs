using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Reporting;

/// <summary>
/// The report as an Excel workbook (<c>--report out.xlsx</c>). A zip cannot be appended to, so while
/// the run goes, rows go to a CSV sidecar, <c>out.xlsx.partial.csv</c>, written and flushed by
/// <see cref="CsvReportWriter"/>: a killed run leaves that readable report behind. <see cref="CompleteAsync"/>
/// turns the sidecar into the workbook, under a temporary name renamed into place only once whole,
/// and deletes the sidecar only after that.
/// </summary>
internal sealed class XlsxReportWriter : IReportWriter
{
    /// <summary>The sidecar's delimiter: a comma, whatever the input used; its only reader is this class, or a user after a crash.</summary>
    public const char SidecarDelimiter = ',';

    /// <summary>Where a workbook report's rows go while the run goes (a zip cannot be appended to): <c>REPORT.xlsx.partial.csv</c>.</summary>
    public static string SidecarOf(string workbookPath) => workbookPath + ".partial.csv";

    /// <summary>
    /// The most data rows a workbook report can hold: an Excel sheet has 1,048,576 rows, one of them the
    /// header. A CSV input can be longer; check its row count before choosing this writer.
    /// </summary>
    public const int MaxRows = 1_048_575;

    private readonly CsvReportWriter _sidecar;
    private long _rows;
    private bool _inputInert;
    private bool _closed;

    /// <param name="path">Where the workbook goes; an existing file there is removed now, so a run that dies leaves no stale report under this name.</param>
    /// <param name="inputHeader">The input's header: its columns follow the report's own, except earlier report columns.</param>
    /// <param name="matched">A <c>--match-by</c> run: the report has <see cref="ReportColumns.MatchedLeadId"/>.</param>
    public XlsxReportWriter(string path, IReadOnlyList<string> inputHeader, bool matched = false)
    {
        Path = path;
        PartialPath = SidecarOf(path);
        _sidecar = new CsvReportWriter(PartialPath, inputHeader, SidecarDelimiter, matched);
        File.Delete(path);
    }

    /// <summary>The workbook: there once <see cref="CompleteAsync"/> has run.</summary>
    public string Path { get; }

    /// <summary>The CSV sidecar: the report while the run goes, and what is left if it never completes.</summary>
    public string PartialPath { get; }

    public void Write(RowResult result)
    {
        _sidecar.Write(result);
        _rows++;

        // The sidecar neutralised these cells as a CSV report does (it is the report if the run dies); the workbook
        // has no need to, so it shows them as they were.
        _inputInert |= result.Row.FromWorkbook;
    }

    public void Flush() => _sidecar.Flush();

    /// <summary>
    /// Writes the workbook (rows, then <paramref name="summary"/> on its own sheet) and removes the sidecar.
    /// If anything goes wrong, or there are more than <see cref="MaxRows"/> rows, it throws and the sidecar stays as the report.
    /// </summary>
    public async ValueTask CompleteAsync(RunSummary summary)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        _closed = true;
        await _sidecar.DisposeAsync();
        if (_rows > MaxRows)
        {
            // Excel would open such a file with its last rows silently cut off; the sidecar has every row.
            throw new InvalidOperationException(
                $"{Path}: {_rows} rows do not fit in an Excel sheet ({MaxRows} at most); the report is {PartialPath}");
        }

        var temporary = Path + ".tmp";
        try
        {
            XlsxReportFile.Write(PartialPath, temporary, summary, _inputInert);
            File.Move(temporary, Path, overwrite: true);
        }
        catch
        {
            // The sidecar stays: it is the report now. A half-written workbook is no use to anyone.
            File.Delete(temporary);
            throw;
        }

        File.Delete(PartialPath);
    }

    /// <summary>Without <see cref="CompleteAsync"/> (the run was aborted), closes the sidecar and leaves it as the report.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        await _sidecar.DisposeAsync();
    }
}
