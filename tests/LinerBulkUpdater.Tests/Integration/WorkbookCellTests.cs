using System.Text;
using ClosedXML.Excel;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;
using LinerBulkUpdater.Tests.Input;
using static LinerBulkUpdater.Tests.Input.XlsxRowSourceTests;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>Workbook cells that cannot be sent as they look, and a workbook's text on its way into a report and back.</summary>
public sealed class WorkbookCellTests : IAsyncLifetime
{
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example/\",\"click\")";

    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() =>
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Script = new() { ["109"] = [$"refuse:{Hyperlink}"] } });

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Numbers_with_more_digits_than_excel_keeps_make_their_rows_invalid_and_reach_no_other_lead()
    {
        // The exponent is how Excel and .NET spell the double of 12345678901234567; a script may write the digits.
        var path = new XlsxFile().Sheet("Leads",
            Row(1, Text("A1", "lead_id"), Text("B1", "external_id"), Text("C1", "client_phone")) +
            Row(2, Number("A2", "101"), Number("B2", "1.2345678901234568E+16")) +
            Row(3, Number("A3", "102"), Number("C3", "79001112233"))).Save(Path.Combine(_folder.Path, "leads.xlsx"));

        var fullDigits = new XlsxFile().Sheet("Leads",
            Row(1, Text("A1", "lead_id"), Text("B1", "status")) +
            Row(2, Number("A2", "1234567890123456789"), Number("B2", "2")) +
            Row(3, Number("A3", "103"), Number("B3", "0.1"))).Save(Path.Combine(_folder.Path, "ids.xlsx"));

        var first = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", path, "--report", Path.Combine(_folder.Path, "first.csv"), "--rps", "0");
        var second = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", fullDigits, "--report", Path.Combine(_folder.Path, "second.csv"), "--rps", "0");

        Assert.Equal(ExitCodes.SomeRowsFailed, first.ExitCode);
        Assert.Equal(ExitCodes.SomeRowsFailed, second.ExitCode);
        Assert.Equal(["102 {\"client_phone\":\"79001112233\"}"], _sandbox.Updates.Select(update => $"{update.LeadId} {Encoding.UTF8.GetString(update.Body)}"));
        var external = CliRun.ReadReport(Path.Combine(_folder.Path, "first.csv")).Single(row => row["outcome"] == "invalid");
        Assert.Matches(@"^column 'external_id': '1\.2345678901234568E\+16' has more than 15 significant digits, which Excel cannot store exactly; store it as text$", external["error"]);
        Assert.Equal(
            [
                "1 invalid column 'lead_id': '1234567890123456789' has more than 15 significant digits, which Excel cannot store exactly; store it as text",
                "2 invalid column 'status': '0.1' is not an integer",
            ],
            CliRun.ReadReport(Path.Combine(_folder.Path, "second.csv")).Select(row => $"{row["source_row"]} {row["outcome"]} {row["error"]}").Order());
    }

    [Fact]
    public async Task A_formula_no_program_computed_makes_its_row_invalid_naming_the_cell_instead_of_skipping_it()
    {
        var path = new XlsxFile().Sheet("Leads",
            Row(1, Text("A1", "lead_id"), Text("B1", "client_name"), Text("C1", "client_phone"), Text("D1", "campaign_id"), Text("E1", "status")) +
            Row(2, Number("A2", "101"), Number("E2", "2")) +
            // As openpyxl writes a formula: no saved result.
            Row(5, Number("A5", "105"), """<c r="E5"><f>E2+1</f><v></v></c>""")).Save(Path.Combine(_folder.Path, "scripted.xlsx"));
        var report = Path.Combine(_folder.Path, "scripted.report.csv");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", path, "--report", report, "--rps", "0");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.Equal([101L], _sandbox.Updates.Select(update => update.LeadId!.Value));
        var invalid = CliRun.ReadReport(report).Single(row => row["source_row"] == "4");
        Assert.Equal("invalid", invalid["outcome"]);
        Assert.Equal("column 'status': cell E5 is a formula with no saved value; open and save the file in Excel, or paste values", invalid["error"]);
    }

    [Fact]
    public async Task A_workbook_gets_a_workbook_report_where_its_text_and_the_server_s_show_as_they_came()
    {
        var input = TextWorkbook("leads.xlsx");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--rps", "0");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        var report = Assert.Single(Directory.GetFiles(_folder.Path, "leads.report-*"));
        Assert.Matches(@"leads\.report-\d{8}T\d{6}Z\.xlsx$", report);
        using var workbook = new XLWorkbook(report);
        var sheet = workbook.Worksheet("Report");
        var rows = Enumerable.Range(2, 2).Select(row => sheet.Row(row)).OrderBy(row => row.Cell(1).GetDouble()).ToList();
        Assert.Equal("client_name", sheet.Cell(1, 8).GetString());
        Assert.Equal(Hyperlink, rows[0].Cell(8).GetString());
        Assert.False(rows[0].Cell(8).HasFormula);
        Assert.Equal(Hyperlink, rows[1].Cell(5).GetString());
        Assert.False(rows[1].Cell(5).HasFormula);
    }

    [Fact]
    public async Task A_csv_report_of_a_workbook_keeps_its_text_inert_and_fed_back_sends_the_original_text()
    {
        var input = TextWorkbook("leads.xlsx");
        var report = Path.Combine(_folder.Path, "report.csv");
        await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--report", report, "--rps", "0");

        var row = CliRun.ReadReport(report).Single(row => row["lead_id"] == "108");
        Assert.Equal("'" + Hyperlink, row["client_name"]);
        Assert.Equal("'-5", row["quiz_log"]);

        var again = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", report, "--report", Path.Combine(_folder.Path, "again.csv"), "--rps", "0");

        Assert.Equal(ExitCodes.Success, again.ExitCode);
        var expected = $"{{\"client_name\":\"{Hyperlink.Replace("\"", "\\\"")}\",\"quiz_log\":\"-5\"}}";
        Assert.Equal([expected, expected], _sandbox.Updates.Where(update => update.LeadId == 108).Select(update => Encoding.UTF8.GetString(update.Body)));
        // The report of that report is still inert, and still feeds back the same.
        Assert.Equal("'" + Hyperlink, CliRun.ReadReport(Path.Combine(_folder.Path, "again.csv")).Single(row => row["lead_id"] == "108")["client_name"]);
    }

    [Fact]
    public async Task A_huge_invalid_cell_is_cut_on_the_console_and_in_the_log()
    {
        var huge = new string('A', 1024 * 1024);
        var input = _folder.Write("huge.csv", $"lead_id,priority\n101,{huge}\n102,{huge}\n", new UTF8Encoding(false));

        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "run", input, "--dry-run", "--report", Path.Combine(_folder.Path, "huge.report.csv"));

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        var cut = $"column 'priority': '{new string('A', 100)}…' (1048576 characters) is not an integer";
        Assert.Contains(cut, result.Out);
        Assert.InRange(result.Everything.Length, 1, 20_000);
        Assert.Contains(cut, result.LogText);
        Assert.InRange(result.LogText.Length, 1, 20_000);
        // The report keeps the cell itself.
        Assert.Equal(huge, CliRun.ReadReport(Path.Combine(_folder.Path, "huge.report.csv")).First()["priority"]);
    }

    [Fact]
    public async Task A_folder_run_gives_a_workbook_a_workbook_report_that_moves_with_it()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "inbox")).FullName;
        new XlsxFile().Sheet("Leads", Row(1, Text("A1", "lead_id"), Text("B1", "status")) + Row(2, Number("A2", "101"), Number("B2", "2")))
            .Save(Path.Combine(inbox, "a.xlsx"));

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", inbox + "/", "--rps", "0");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var report = Assert.Single(Directory.GetFiles(Path.Combine(inbox, "done"), "a.report-*"));
        Assert.EndsWith(".xlsx", report);
        using var workbook = new XLWorkbook(report);
        Assert.Equal("updated", workbook.Worksheet("Report").Cell("B2").GetString());
    }

    /// <summary>Text cells that would be formulas in a CSV file; lead 109's update is refused with a formula-like message.</summary>
    private string TextWorkbook(string name) => new XlsxFile().Sheet("Leads",
        Row(1, Text("A1", "lead_id"), Text("B1", "client_name"), Text("C1", "quiz_log")) +
        Row(2, Number("A2", "108"), Text("B2", Hyperlink), Text("C2", "-5")) +
        Row(3, Number("A3", "109"), Text("B3", "plain"))).Save(Path.Combine(_folder.Path, name));
}
