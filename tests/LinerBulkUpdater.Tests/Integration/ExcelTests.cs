using System.Text;
using ClosedXML.Excel;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>Workbooks in and out, through the whole CLI path against the sandbox.</summary>
public sealed class ExcelTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions());

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>Numbers stored as numbers, a date cell, an empty row, and a second sheet that must be left alone.</summary>
    private string Workbook()
    {
        var path = Path.Combine(_folder.Path, "leads.xlsx");
        using var workbook = new XLWorkbook();
        var leads = workbook.AddWorksheet("Leads");
        string[] header = ["lead_id", "client_name", "client_phone", "campaign_id", "status", "priority", "call_timestamp"];
        for (var i = 0; i < header.Length; i++)
        {
            leads.Cell(1, i + 1).Value = header[i];
        }

        leads.Cell(2, 1).Value = 101;
        leads.Cell(2, 2).Value = "Иванов Пётр";
        leads.Cell(2, 3).Value = 79001112233;
        leads.Cell(2, 4).Value = 12345;
        leads.Cell(2, 5).Value = 2.0;
        leads.Cell(2, 7).Value = new DateTime(2025, 12, 1, 10, 0, 0);
        // Row 3 is empty.
        leads.Cell(4, 1).Value = 102;
        leads.Cell(4, 5).Value = 2.5;
        leads.Cell(5, 1).Value = 103;
        leads.Cell(5, 6).Value = 7;
        leads.Cell(5, 3).Value = "8 (900) 123-45-67";

        var other = workbook.AddWorksheet("Notes");
        other.Cell(1, 1).Value = "lead_id";
        other.Cell(1, 2).Value = "status";
        other.Cell(2, 1).Value = 999;
        other.Cell(2, 2).Value = 1;
        workbook.SaveAs(path);
        return path;
    }

    [Fact]
    public async Task A_workbook_becomes_exactly_the_expected_bodies_from_its_first_sheet_only()
    {
        var report = Path.Combine(_folder.Path, "report.csv");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", Workbook(), "--report", report, "--rps", "0");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.Equal(
            [
                "101 {\"client_name\":\"Иванов Пётр\",\"client_phone\":\"79001112233\",\"campaign_id\":\"12345\",\"status\":2,\"call_timestamp\":1764583200}",
                "103 {\"client_phone\":\"79001234567\",\"priority\":7}",
            ],
            _sandbox.Updates.Select(update => $"{update.LeadId} {Encoding.UTF8.GetString(update.Body)}").Order());
        var rows = CliRun.ReadReport(report);
        Assert.Equal(["1 updated", "3 invalid", "4 updated"], rows.Select(row => $"{row["source_row"]} {row["outcome"]}").Order());
        Assert.Equal("column 'status': '2.5' is not an integer", rows.Single(row => row["outcome"] == "invalid")["error"]);
    }

    [Fact]
    public async Task The_second_sheet_can_be_chosen_by_name()
    {
        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", Workbook(), "--sheet", "notes", "--rps", "0");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("999 {\"status\":1}", Assert.Single(_sandbox.Updates.Select(update => $"{update.LeadId} {Encoding.UTF8.GetString(update.Body)}")));
    }

    [Fact]
    public async Task The_sheet_of_the_input_is_not_looked_for_in_the_report_it_resumes_from_or_the_baseline()
    {
        var input = Workbook();
        var report = Path.Combine(_folder.Path, "report.xlsx");
        var first = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--sheet", "Notes", "--report", report, "--rps", "0");
        Assert.Equal(ExitCodes.Success, first.ExitCode);

        // The report's sheets are Report and Summary: neither is called Notes.
        var resumed = await CliRun.RunAsync(
            _folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--sheet", "Notes", "--dry-run", "--resume", report, "--report", Path.Combine(_folder.Path, "resumed.csv"));
        var compared = await CliRun.RunAsync(
            _folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--sheet", "Notes", "--dry-run", "--baseline", report, "--report", Path.Combine(_folder.Path, "compared.csv"));

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.Everything);
        Assert.Equal("skipped", Assert.Single(CliRun.ReadReport(Path.Combine(_folder.Path, "resumed.csv")))["outcome"]);
        Assert.True(compared.ExitCode == ExitCodes.Success, compared.Everything);
        Assert.Equal("unchanged", Assert.Single(CliRun.ReadReport(Path.Combine(_folder.Path, "compared.csv")))["outcome"]);
    }

    [Fact]
    public async Task An_xlsx_report_opens_with_the_contract_columns_and_one_row_per_input_row_and_feeds_back_as_input()
    {
        var report = Path.Combine(_folder.Path, "report.xlsx");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", Workbook(), "--report", report, "--rps", "0");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        using (var workbook = new XLWorkbook(report))
        {
            var sheet = workbook.Worksheet(1);
            Assert.Equal("Report", sheet.Name);
            Assert.Equal(
                ["source_row", "outcome", "http_status", "attempts", "error", "changes", "lead_id", "client_name", "client_phone", "campaign_id", "status", "priority", "call_timestamp"],
                sheet.Row(1).CellsUsed().Select(cell => cell.GetString()));
            Assert.Equal(4, sheet.RowsUsed().Count());
            Assert.Equal("Summary", workbook.Worksheet(2).Name);
        }

        Assert.False(File.Exists(report + ".partial.csv"));
        var before = _sandbox.Updates.Count;
        var again = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", report, "--rps", "0");
        Assert.Equal(ExitCodes.SomeRowsFailed, again.ExitCode);
        Assert.Equal(
            _sandbox.Updates.Take(before).Select(update => Encoding.UTF8.GetString(update.Body)).Order(),
            _sandbox.Updates.Skip(before).Select(update => Encoding.UTF8.GetString(update.Body)).Order());
    }

    [Theory]
    [InlineData("template.csv")]
    [InlineData("template.xlsx")]
    public async Task A_template_is_a_valid_empty_input(string name)
    {
        var template = Path.Combine(_folder.Path, name);

        var written = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "template", template);
        var dryRun = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "run", template, "--dry-run");

        Assert.Equal(ExitCodes.Success, written.ExitCode);
        Assert.Equal(ExitCodes.Success, dryRun.ExitCode);
        Assert.Contains("fields: client_name, client_phone, quiz_log, campaign_id, external_id, status, call_timestamp, priority, utc_offset, telegramUserName, telegramPhone, vkId, instagramLogin", dryRun.Out);
    }

    [Fact]
    public async Task A_template_never_overwrites_a_file()
    {
        var existing = _folder.Write("mine.xlsx", [1, 2, 3]);

        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "template", existing);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(existing));
    }
}
