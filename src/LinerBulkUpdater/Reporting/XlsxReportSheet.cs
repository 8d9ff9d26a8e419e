using System.Globalization;
using CsvHelper;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Reporting;

/// <summary>
/// The "Report" sheet, copied from the CSV sidecar in one pass: the report's numbers as numbers, the rest
/// as text, failed and invalid rows tinted, the header bold, frozen and filtered. A cell written as text is inert in
/// a workbook, so what the sidecar neutralised for a CSV reader (<see cref="SpreadsheetText.Inert"/>) is shown as it came.
/// </summary>
internal static class XlsxReportSheet
{
    public const string Name = "Report";

    /// <summary>Column widths are set from the header and this many first rows: enough to be representative, never the whole file.</summary>
    private const int SampleRows = 200;

    private const double MinWidth = 8;
    private const double MaxWidth = 60;

    private static readonly string[] NumberColumns = [ReportColumns.SourceRow, ReportColumns.HttpStatus, ReportColumns.Attempts];

    /// <summary>Writes the sheet to <paramref name="part"/>; returns the header's width and the data rows written.</summary>
    /// <param name="inputInert">The sidecar's input cells were written <see cref="SpreadsheetText.Inert"/>; its error and changes columns always are.</param>
    public static (int Columns, int Rows) Write(string sidecarPath, Stream part, bool inputInert)
    {
        using var csv = CsvReader.Create(File.OpenRead(sidecarPath), SidecarOptions, leaveOpen: false);
        if (!csv.Read())
        {
            throw new InvalidDataException($"{sidecarPath}: the report's sidecar has no header");
        }

        var header = csv.Current.ToArray();
        var numbers = header.Select((name, i) => i < ReportColumns.Names.Count && NumberColumns.Contains(name)).ToArray();
        var outcomeColumn = Array.IndexOf(header, ReportColumns.Outcome);
        var restored = header.Select((name, i) => i < ReportColumns.Names.Count ? name is ReportColumns.Error or ReportColumns.Changes : inputInert).ToArray();

        // The column widths go before the rows in the file, so the first rows are read ahead to measure.
        var sample = new List<string[]>(SampleRows);
        while (sample.Count < SampleRows && csv.Read())
        {
            sample.Add(csv.Current.ToArray());
        }

        var columnStyles = numbers.Select(number => number ? XlsxStyles.Plain : XlsxStyles.Text).ToArray();
        using var sheet = new XlsxSheetWriter(part, Widths(header, sample), columnStyles, freezeHeader: true, selected: true);
        sheet.StartRow();
        foreach (var name in header)
        {
            sheet.Text(name, XlsxStyles.Header);
        }

        foreach (var row in sample)
        {
            WriteRow(sheet, row, numbers, restored, outcomeColumn);
        }

        while (csv.Read())
        {
            WriteRow(sheet, csv.Current.ToArray(), numbers, restored, outcomeColumn);
        }

        var lastColumn = XlsxValues.ColumnName(Math.Max(header.Length, 1) - 1);
        sheet.Finish($"A1:{lastColumn}{sheet.RowCount}");
        return (header.Length, sheet.RowCount - 1);
    }

    private static CsvReaderOptions SidecarOptions => CsvReaderOptions.Default with
    {
        // The sidecar is CsvReportWriter's output with a comma: read back exactly, nothing trimmed or skipped.
        Separator = XlsxReportWriter.SidecarDelimiter,
        HasHeader = false,
        SkipEmptyLines = false,
        TrimWhitespace = false,
        AllowLineBreaksInQuotes = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
    };

    private static void WriteRow(XlsxSheetWriter sheet, string[] cells, bool[] numbers, bool[] restored, int outcomeColumn)
    {
        var (numberStyle, textStyle) = XlsxStyles.ForOutcome(outcomeColumn >= 0 && outcomeColumn < cells.Length ? cells[outcomeColumn] : "");
        sheet.StartRow();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i < numbers.Length && numbers[i] && long.TryParse(cells[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                sheet.Number(number, numberStyle);
            }
            else
            {
                var text = i < restored.Length && restored[i] ? SpreadsheetText.Restore(cells[i]) : cells[i];
                sheet.Text(text, i < numbers.Length && numbers[i] ? numberStyle : textStyle);
            }
        }

        // A short row (the sidecar always has full rows, but a tint must not stop halfway) is padded.
        for (var i = cells.Length; i < numbers.Length; i++)
        {
            sheet.Empty(numbers[i] ? numberStyle : textStyle);
        }
    }

    private static double[] Widths(string[] header, List<string[]> sample)
    {
        var widths = new double[header.Length];
        for (var i = 0; i < header.Length; i++)
        {
            // Room for the bold header and its filter button.
            var longest = header[i].Length + 3;
            foreach (var row in sample)
            {
                if (i < row.Length)
                {
                    longest = Math.Max(longest, LongestLine(row[i]) + 1);
                }
            }

            widths[i] = Math.Clamp(longest, MinWidth, MaxWidth);
        }

        return widths;
    }

    private static int LongestLine(string text)
    {
        var longest = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            longest = Math.Max(longest, line.Length);
        }

        return longest;
    }
}
