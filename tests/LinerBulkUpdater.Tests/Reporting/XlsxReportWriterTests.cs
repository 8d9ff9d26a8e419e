using System.Xml;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Sending;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Tests.Reporting;

public sealed class XlsxReportWriterTests : IDisposable
{
    private static readonly string[] InputHeader = ["lead_id", "client_phone", "campaign_id"];
    private static readonly DateTimeOffset Started = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string ReportPath => Path.Combine(_folder.Path, "out.xlsx");

    [Fact]
    public async Task Report_sheet_has_the_header_one_row_per_result_numbers_as_numbers_and_text_as_text()
    {
        await WriteReportAsync(
            new RowResult(Row(1, "101", "79001234567", "007"), Outcome.Updated, 200, 1, Changes: "status: 2 → 3"),
            new RowResult(Row(2, "102", "", "0042"), Outcome.Failed, 422, 3, "lead not found"),
            new RowResult(Row(3, "abc", "", ""), Outcome.Invalid, Error: "lead_id: 'abc' is not an integer"));

        using var workbook = new XLWorkbook(ReportPath);
        Assert.Equal(["Report", "Summary"], workbook.Worksheets.Select(sheet => sheet.Name));
        var sheet = workbook.Worksheet(1);
        Assert.Equal(["source_row", "outcome", "http_status", "attempts", "error", "changes", "lead_id", "client_phone", "campaign_id"], RowTexts(sheet, 1));
        Assert.Equal(4, sheet.LastRowUsed().RowNumber());

        Assert.Equal(XLDataType.Number, sheet.Cell("A2").DataType);
        Assert.Equal(1.0, sheet.Cell("A2").GetDouble());
        Assert.Equal(200.0, sheet.Cell("C2").GetDouble());
        Assert.Equal(1.0, sheet.Cell("D2").GetDouble());
        Assert.Equal(["1", "updated", "200", "1", "", "status: 2 → 3", "101", "79001234567", "007"], RowTexts(sheet, 2));
        Assert.Equal(XLDataType.Text, sheet.Cell("F2").DataType);
        Assert.Equal(XLDataType.Text, sheet.Cell("H2").DataType);
        Assert.Equal(XLDataType.Text, sheet.Cell("I2").DataType);
        Assert.Equal(["2", "failed", "422", "3", "lead not found", "", "102", "", "0042"], RowTexts(sheet, 3));
        Assert.Equal(["3", "invalid", "", "0", "lead_id: 'abc' is not an integer", "", "abc", "", ""], RowTexts(sheet, 4));
    }

    [Fact]
    public async Task Header_is_bold_frozen_and_filtered_and_failed_and_invalid_rows_are_tinted()
    {
        await WriteReportAsync(
            new RowResult(Row(1, "101", "", ""), Outcome.Updated, 200, 1),
            new RowResult(Row(2, "102", "", ""), Outcome.Failed, 500, 10, "server error"),
            new RowResult(Row(3, "x", "", ""), Outcome.Invalid, Error: "bad"));

        using var workbook = new XLWorkbook(ReportPath);
        var sheet = workbook.Worksheet("Report");
        Assert.True(sheet.Cell("A1").Style.Font.Bold);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Equal(0, sheet.SheetView.SplitColumn);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal("A1:I4", sheet.AutoFilter.Range.RangeAddress.ToString());

        Assert.Equal(XLFillPatternValues.None, sheet.Cell("B2").Style.Fill.PatternType);
        // The tint runs across the whole row, blank cells (here the changes and the phone) included.
        foreach (var cell in new[] { "A3", "B3", "E3", "F3", "H3" })
        {
            Assert.Equal("FFFFC7CE", sheet.Cell(cell).Style.Fill.BackgroundColor.Color.ToArgb().ToString("X8"));
        }

        Assert.Equal("FFFFEB9C", sheet.Cell("C4").Style.Fill.BackgroundColor.Color.ToArgb().ToString("X8"));
        Assert.True(sheet.Column("I").Width is > 7 and <= 60);
    }

    [Fact]
    public async Task Summary_sheet_counts_every_outcome_and_lists_the_run_and_its_settings()
    {
        await WriteReportAsync(
            [new RowResult(Row(1, "101", "", ""), Outcome.Updated, 200, 1), new RowResult(Row(2, "102", "", ""), Outcome.Failed, 500, 10, "down")],
            exitCode: 1,
            stopReason: null);

        using var workbook = new XLWorkbook(ReportPath);
        var summary = Pairs(workbook.Worksheet("Summary"));
        Assert.Equal("1", summary["updated"]);
        Assert.Equal("1", summary["failed"]);
        foreach (var zero in new[] { "invalid", "skipped", "unchanged", "not_sent", "dry_run" })
        {
            Assert.Equal("0", summary[zero]);
        }

        Assert.Equal("2", summary["total"]);
        Assert.Equal("in.csv", summary["input file"]);
        Assert.Equal(ReportPath, summary["report file"]);
        Assert.Equal("2026-03-01T09:30:00Z", summary["started (UTC)"]);
        Assert.Equal("2026-03-01T10:31:02Z", summary["finished (UTC)"]);
        Assert.Equal("01:01:02.250", summary["duration"]);
        Assert.Equal("1", summary["exit code"]);
        Assert.Equal("", summary["stop reason"]);
        Assert.Equal("https://api.linerapp.io", summary["Liner:BaseUrl"]);
        Assert.Equal("20", summary["Sending:Rps"]);
        Assert.Equal(XLDataType.Number, workbook.Worksheet("Summary").Cell("B2").DataType);
        Assert.Equal("no", summary["key shared with runs on this machine"]);
        Assert.Equal("not seen", summary["key used by others too (from Liner's 429s)"]);
    }

    [Fact]
    public async Task Summary_sheet_says_how_the_key_was_shared_on_this_machine_and_with_others()
    {
        await using (var report = new XlsxReportWriter(ReportPath, InputHeader))
        {
            report.Flush();
            await report.CompleteAsync(Summary(exitCode: 0, stopReason: null) with { Sharing = new KeySharing(2, 41.4, 0.5, 35.6, 0.32) });
        }

        using var workbook = new XLWorkbook(ReportPath);
        var summary = Pairs(workbook.Worksheet("Summary"));
        Assert.Equal("41 s, up to 2 runs at once; this run's part about 50%", summary["key shared with runs on this machine"]);
        Assert.Equal("36 s; this run's part of the limit about 32%", summary["key used by others too (from Liner's 429s)"]);
    }

    [Fact]
    public async Task Text_comes_back_exactly_as_written_and_server_text_is_never_a_formula_nor_shows_an_apostrophe()
    {
        string[] awkward = ["=1+1", "line one\r\nline two", "  padded  ", "bell\u0007", "Иванов Пётр 👍", "a&b<c>\"d\"", "007", "79001234567"];
        var results = awkward.Select((text, i) => new RowResult(Row(i + 1, text, "", ""), Outcome.Failed, 400, 1, "=HYPERLINK(\"http://evil\")", "+status: 2 → 3")).ToArray();
        await WriteReportAsync(results);

        using var workbook = new XLWorkbook(ReportPath);
        var sheet = workbook.Worksheet("Report");
        for (var i = 0; i < awkward.Length; i++)
        {
            var lead = sheet.Cell(i + 2, 7);
            Assert.Equal(awkward[i], lead.GetString());
            var error = sheet.Cell(i + 2, 5);
            // Text in a workbook is inert: the sidecar's apostrophe is for CSV readers, and would show here.
            Assert.False(error.HasFormula);
            Assert.Equal("=HYPERLINK(\"http://evil\")", error.GetString());
            var changes = sheet.Cell(i + 2, 6);
            Assert.False(changes.HasFormula);
            Assert.Equal("+status: 2 → 3", changes.GetString());
        }
    }

    [Fact]
    public async Task A_workbook_s_cells_are_inert_in_the_sidecar_and_exactly_as_read_in_the_workbook()
    {
        string[] awkward = ["=HYPERLINK(\"http://evil\")", "+7 900", "-5", "@ivan", "\tcmd", "'=already", "'plain", "plain"];
        await using (var report = new XlsxReportWriter(ReportPath, InputHeader))
        {
            for (var i = 0; i < awkward.Length; i++)
            {
                report.Write(new RowResult(new RawRow(i + 1, i + 2, ["101", "", awkward[i]], FromWorkbook: true), Outcome.Failed, 400, 1, "'=server", "'=changed"));
            }

            report.Flush();
            using (var sidecar = CsvRowSource.Open(report.PartialPath, new CsvInputOptions()))
            {
                Assert.Equal(awkward.Select(SpreadsheetText.Inert), sidecar.ReadRows().Select(row => row.Cells[8]));
            }

            await report.CompleteAsync(Summary(exitCode: 1, stopReason: null));
        }

        using var workbook = new XLWorkbook(ReportPath);
        var sheet = workbook.Worksheet("Report");
        Assert.Equal(awkward, Enumerable.Range(2, awkward.Length).Select(row => sheet.Cell(row, 9).GetString()));
        Assert.All(Enumerable.Range(2, awkward.Length), row => Assert.Equal("'=server", sheet.Cell(row, 5).GetString()));
        Assert.All(Enumerable.Range(2, awkward.Length), row => Assert.Equal("'=changed", sheet.Cell(row, 6).GetString()));
    }

    [Fact]
    public async Task A_csv_s_cells_come_into_the_workbook_exactly_as_read_apostrophes_included()
    {
        string[] awkward = ["'=x", "''-5", "=1+1"];
        await WriteReportAsync(awkward.Select((text, i) => new RowResult(Row(i + 1, "101", "", text), Outcome.Updated, 200, 1)).ToArray());

        using var workbook = new XLWorkbook(ReportPath);
        var sheet = workbook.Worksheet("Report");
        Assert.Equal(awkward, Enumerable.Range(2, awkward.Length).Select(row => sheet.Cell(row, 9).GetString()));
        Assert.All(Enumerable.Range(2, awkward.Length), row => Assert.False(sheet.Cell(row, 9).HasFormula));
    }

    [Fact]
    public async Task Text_that_looks_like_an_excel_escape_is_escaped_as_excel_does()
    {
        // ClosedXML 0.95.4 does not undo _x005F_, so this is read back raw and decoded as ECMA-376 says (and Excel does).
        string[] awkward = ["_x0041_ stays", "_x005f_", "tab\tand_x000D_\r\n", "\u0001\uFFFF"];
        await WriteReportAsync(awkward.Select((text, i) => new RowResult(Row(i + 1, text, "", ""), Outcome.Updated, 200, 1)).ToArray());

        using var document = SpreadsheetDocument.Open(ReportPath, isEditable: false);
        var sheet = document.WorkbookPart!.WorksheetParts.First(part => part.Worksheet.Descendants<Cell>().Any(cell => cell.CellReference == "G1")).Worksheet;
        var written = awkward.Select((_, i) => sheet.Descendants<Cell>().Single(cell => cell.CellReference == $"G{i + 2}").InlineString!.Text!.Text).ToArray();
        Assert.Equal(["_x005F_x0041_ stays", "_x005F_x005f_", "tab\tand_x005F_x000D__x000D_\n", "_x0001__xFFFF_"], written);
        Assert.Equal(awkward, written.Select(XmlConvert.DecodeName));
    }

    [Fact]
    public async Task Many_rows_past_the_width_sample_all_arrive_in_order()
    {
        var results = Enumerable.Range(1, 450).Select(i => new RowResult(Row(i, (1000 + i).ToString(), "", ""), Outcome.DryRun)).ToArray();
        await WriteReportAsync(results);

        using var workbook = new XLWorkbook(ReportPath);
        var sheet = workbook.Worksheet("Report");
        Assert.Equal(451, sheet.LastRowUsed().RowNumber());
        Assert.Equal(450.0, sheet.Cell("A451").GetDouble());
        Assert.Equal("1450", sheet.Cell("G451").GetString());
        Assert.Equal("A1:I451", sheet.AutoFilter.Range.RangeAddress.ToString());
    }

    [Fact]
    public async Task Completing_removes_the_sidecar_and_leaves_no_temporary_file()
    {
        await WriteReportAsync(new RowResult(Row(1, "101", "", ""), Outcome.Updated, 200, 1));

        Assert.Equal(["out.xlsx"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_run_that_never_completes_leaves_the_sidecar_as_a_readable_report_and_no_workbook()
    {
        File.WriteAllText(ReportPath, "last run's report");
        var report = new XlsxReportWriter(ReportPath, InputHeader);
        report.Write(new RowResult(Row(1, "101", "79001234567", "007"), Outcome.Updated, 200, 1));
        report.Write(new RowResult(Row(2, "102", "", ""), Outcome.NotSent));
        report.Flush();

        // Flushed rows are on disk while the run still goes.
        Assert.Equal(3, ReadShared(report.PartialPath).Count(line => line.Length > 0));

        await report.DisposeAsync();

        Assert.Equal(Path.Combine(_folder.Path, "out.xlsx.partial.csv"), report.PartialPath);
        Assert.False(File.Exists(ReportPath));
        using var source = CsvRowSource.Open(report.PartialPath, new CsvInputOptions());
        Assert.Equal(["source_row", "outcome", "http_status", "attempts", "error", "changes", "lead_id", "client_phone", "campaign_id"], source.Header);
        Assert.Equal([["1", "updated", "200", "1", "", "", "101", "79001234567", "007"], ["2", "not_sent", "", "0", "", "", "102", "", ""]], source.ReadRows().Select(row => row.Cells));
    }

    [Fact]
    public async Task A_workbook_that_cannot_be_put_in_place_leaves_the_sidecar_and_no_temporary_file()
    {
        var report = new XlsxReportWriter(ReportPath, InputHeader);
        report.Write(new RowResult(Row(1, "101", "", ""), Outcome.Updated, 200, 1));
        Directory.CreateDirectory(ReportPath);

        await Assert.ThrowsAnyAsync<IOException>(async () => await report.CompleteAsync(Summary(exitCode: 0, stopReason: null)));
        await report.DisposeAsync();

        Assert.Equal(["out.xlsx.partial.csv"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
        using var source = CsvRowSource.Open(report.PartialPath, new CsvInputOptions());
        Assert.Single(source.ReadRows());
    }

    [Fact]
    public async Task A_report_fed_back_as_input_keeps_its_own_columns_once()
    {
        string[] header = ["source_row", "outcome", "http_status", "attempts", "error", "lead_id", "status"];
        await using (var report = new XlsxReportWriter(ReportPath, header))
        {
            report.Write(new RowResult(new RawRow(1, 2, ["1", "failed", "500", "3", "old", "101", "2"]), Outcome.Updated, 200, 1));
            await report.CompleteAsync(Summary(exitCode: 0, stopReason: null));
        }

        using var workbook = new XLWorkbook(ReportPath);
        var sheet = workbook.Worksheet(1);
        Assert.Equal(["source_row", "outcome", "http_status", "attempts", "error", "changes", "lead_id", "status"], RowTexts(sheet, 1));
        Assert.Equal(["1", "updated", "200", "1", "", "", "101", "2"], RowTexts(sheet, 2));
    }

    private async Task WriteReportAsync(params RowResult[] results) => await WriteReportAsync(results, exitCode: 0, stopReason: null);

    private async Task WriteReportAsync(RowResult[] results, int exitCode, string? stopReason)
    {
        await using var report = new XlsxReportWriter(ReportPath, InputHeader);
        var counts = new OutcomeCounts();
        foreach (var result in results)
        {
            report.Write(result);
            counts.Add(result.Outcome);
        }

        report.Flush();
        await report.CompleteAsync(Summary(exitCode, stopReason, counts));
    }

    private RunSummary Summary(int exitCode, string? stopReason, OutcomeCounts? counts = null) => new(
        "in.csv",
        ReportPath,
        Started,
        Started + new TimeSpan(0, 1, 1, 2, 250),
        counts ?? new OutcomeCounts(),
        exitCode,
        stopReason,
        [new("Liner:BaseUrl", "https://api.linerapp.io"), new("Sending:Rps", "20")]);

    private static RawRow Row(int sourceRow, string leadId, string phone, string campaign) =>
        new(sourceRow, sourceRow + 1, [leadId, phone, campaign]);

    private static string[] RowTexts(IXLWorksheet sheet, int row) =>
        Enumerable.Range(1, sheet.Row(1).LastCellUsed().Address.ColumnNumber).Select(column => sheet.Cell(row, column).GetString()).ToArray();

    private static Dictionary<string, string> Pairs(IXLWorksheet sheet) =>
        sheet.RowsUsed().Where(row => !row.Cell(1).IsEmpty()).ToDictionary(row => row.Cell(1).GetString(), row => row.Cell(2).GetString());

    /// <summary>Reads a file the writer still has open, as a user's viewer would.</summary>
    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split("\r\n");
    }
}
