using System.Globalization;
using CsvHelper;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Reporting;

/// <summary>
/// Appends finished rows to a CSV report. UTF-8 with a BOM so Excel shows Cyrillic right, and the
/// input's own delimiter, so a report of a file saved by a Russian Excel opens in the same Excel.
/// Nothing in it runs as a formula that did not run in the input: server text, and a workbook's cells,
/// are written <see cref="SpreadsheetText.Inert"/>.
/// </summary>
internal sealed class CsvReportWriter : IReportWriter
{
    private readonly CsvWriter _csv;
    private readonly int[] _inputColumns;
    private readonly bool _matched;
    private bool _disposed;

    /// <param name="path">Where to write; an existing file is replaced.</param>
    /// <param name="inputHeader">The input's header: its columns follow the report's own, except earlier report columns.</param>
    /// <param name="matched">A <c>--match-by</c> run: <see cref="ReportColumns.MatchedLeadId"/> follows the report's own columns.</param>
    public CsvReportWriter(string path, IReadOnlyList<string> inputHeader, char delimiter, bool matched = false)
    {
        Path = path;
        _matched = matched;
        _inputColumns = Enumerable.Range(0, inputHeader.Count).Where(i => !ReportColumns.IsReportColumn(inputHeader[i])).ToArray();
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _csv = CsvWriter.Create(file, CsvWriterOptions.Default with { Separator = delimiter, WriteByteOrderMark = true }, leaveOpen: false);
        foreach (var name in ReportColumns.Names)
        {
            _csv.WriteField(name);
        }

        if (matched)
        {
            _csv.WriteField(ReportColumns.MatchedLeadId);
        }

        foreach (var index in _inputColumns)
        {
            _csv.WriteField(inputHeader[index]);
        }

        _csv.EndRecord();
        Flush();
    }

    public string Path { get; }

    public void Write(RowResult result)
    {
        _csv.WriteField(result.Row.SourceRow.ToString(CultureInfo.InvariantCulture));
        _csv.WriteField(result.Outcome.ToReportName());
        _csv.WriteField(result.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "");
        _csv.WriteField(result.Attempts.ToString(CultureInfo.InvariantCulture));
        _csv.WriteField(ReportText.Safe(result.Error));
        _csv.WriteField(ReportText.Safe(result.Changes));
        if (_matched)
        {
            _csv.WriteField(result.Row.MatchedLeadId?.ToString(CultureInfo.InvariantCulture) ?? "");
        }
        var cells = result.Row.Cells;
        foreach (var index in _inputColumns)
        {
            var cell = index < cells.Length ? cells[index] : "";

            // A workbook's text was inert there and would not be here; a CSV's cells are the user's own text, which
            // the report gives back byte for byte. LeadRowParser undoes this when a report is fed back.
            _csv.WriteField(result.Row.FromWorkbook ? SpreadsheetText.Inert(cell) : cell);
        }

        _csv.EndRecord();
    }

    public void Flush() => _csv.Flush();

    /// <summary>A CSV report has no place for a summary: the log and the console have it.</summary>
    public ValueTask CompleteAsync(RunSummary summary) => DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Flush();
        await _csv.DisposeAsync();
    }
}
