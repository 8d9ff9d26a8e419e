using System.Text;
using ClosedXML.Excel;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary><c>liner-bulk export</c> (CONTRACT §8) against the sandbox's lead list: exactly the leads asked for, as a file a run reads back unchanged.</summary>
public sealed class ExportTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() =>
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { LeadCount = 300, MissingLeads = [5] });

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task An_export_by_status_code_holds_exactly_those_leads_and_fed_back_with_live_diff_writes_nothing()
    {
        var path = Path.Combine(_folder.Path, "callback.csv");

        var exported = await RunAsync("export", path, "--status", "callback");

        Assert.True(exported.ExitCode == ExitCodes.Success, exported.Everything);
        var rows = CliRun.ReadReport(path);
        var expected = Enumerable.Range(1, 300).Where(id => id != 5 && (long?)_sandbox.CurrentLead(id)!["status"] == 3).Select(id => id.ToString()).ToList();
        Assert.Equal(expected, rows.Select(row => row["lead_id"]));
        Assert.All(rows, row => Assert.Equal(("3", "Перезвонить"), (row["status"], row["status_title"])));
        var lead = _sandbox.CurrentLead(long.Parse(rows[0]["lead_id"]))!;
        Assert.Equal("'+" + lead["client_phone"], rows[0]["client_phone"]);
        Assert.Equal((string?)lead["externalIdAmo"] ?? "", rows[0]["externalIdAmo"]);
        Assert.DoesNotContain("campaign_id", rows[0].Keys);
        Assert.Contains("Тариф", rows[0].Keys);

        var back = await RunAsync("run", path, "--live-diff");

        Assert.True(back.ExitCode == ExitCodes.Success, back.Everything);
        Assert.All(CliRun.ReadReport(ReportOf(path)), row => Assert.Equal("unchanged", row["outcome"]));
        Assert.DoesNotContain(_sandbox.Received, request => request.Route is SandboxRoute.Update or SandboxRoute.UpdateV2);
    }

    [Fact]
    public async Task An_xlsx_export_with_v1_fields_of_an_order_and_a_created_range_reads_back_unchanged()
    {
        var from = (string)SandboxDetail(100)!;
        var to = (string)SandboxDetail(160)!;
        var path = Path.Combine(_folder.Path, "order.xlsx");

        var exported = await RunAsync("export", path, "--order", "203", "--order", "207", "--created-from", from, "--created-to", to, "--v1-fields");

        Assert.True(exported.ExitCode == ExitCodes.Success, exported.Everything);
        int count;
        using (var workbook = new XLWorkbook(path))
        {
            var sheet = workbook.Worksheet("Leads");
            var header = sheet.Row(1).CellsUsed().Select(cell => cell.GetString()).ToList();
            Assert.Equal(["lead_id", "client_name", "client_phone", "quiz_log", "campaign_id", "external_id", "status"], header.Take(7));
            var ids = sheet.RowsUsed().Skip(1).Select(row => row.Cell(1).GetValue<long>()).ToList();
            Assert.NotEmpty(ids);
            Assert.All(ids, id => Assert.InRange(id, 100, 160));
            var campaign = header.IndexOf("campaign_id") + 1;
            var first = _sandbox.CurrentLead(ids[0])!;
            Assert.Equal((string?)first["campaign_id"] ?? "", sheet.Row(2).Cell(campaign).GetString());
            count = ids.Count;
        }

        // --v1-fields: one v1 detail read a lead exported, none more.
        Assert.Equal(count, _sandbox.Received.Count(request => request.Route == SandboxRoute.LeadDetailV1));
        var back = await RunAsync("run", path, "--live-diff");
        Assert.True(back.ExitCode == ExitCodes.Success, back.Everything);
        Assert.DoesNotContain(_sandbox.Received, request => request.Route is SandboxRoute.Update or SandboxRoute.UpdateV2);
    }

    [Fact]
    public async Task Liner_text_like_a_formula_is_inert_in_a_csv_export_and_reads_back_exactly()
    {
        var lead = Enumerable.Range(1, 300).First(id => id != 5 && (long?)_sandbox.CurrentLead(id)!["status"] == 6);
        await RunAsync("run", _folder.Write("set.csv", $"lead_id,client_name,quiz_log,externalIdMacro\n{lead},\"=HYPERLINK(\"\"http://x\"\")\",\"'=1+1 \",@M-1\n", new UTF8Encoding(false)));
        var path = Path.Combine(_folder.Path, "refused.csv");

        var exported = await RunAsync("export", path, "--status", "6");

        Assert.True(exported.ExitCode == ExitCodes.Success, exported.Everything);
        var row = CliRun.ReadReport(path).Single(row => row["lead_id"] == lead.ToString());
        Assert.Equal(("'=HYPERLINK(\"http://x\")", "''=1+1", "'@M-1"), (row["client_name"], row["quiz_log"], row["externalIdMacro"]));
        var back = await RunAsync("run", path, "--live-diff");
        Assert.True(back.ExitCode == ExitCodes.Success, back.Everything);
        Assert.All(CliRun.ReadReport(ReportOf(path)), report => Assert.Equal("unchanged", report["outcome"]));
    }

    [Theory]
    [InlineData("leads.csv", new[] { "--status", "Перезвонит" }, "liner-bulk: --status 'Перезвонит' matches no status; did you mean 'Перезвонить'?")]
    [InlineData("leads.csv", new[] { "--status", "99" }, "liner-bulk: --status '99' names no status of Liner's (liner-bulk statuses lists them)")]
    [InlineData("leads.csv", new[] { "--created-from", "2025-12-01", "--created-to", "2025-11-01" }, "liner-bulk: --created-from 2025-12-01 is after --created-to 2025-11-01 (2025-12-01T00:00:00Z > 2025-11-01T23:59:59Z): the range is the wrong way round")]
    [InlineData("leads.csv", new[] { "--created-from", "вчера" }, "liner-bulk: --created-from 'вчера' is not a date: write 2026-11-01, 01.11.2026 or an ISO 8601 date-time (2026-11-01T10:00:00+03:00)")]
    [InlineData("leads.txt", new string[0], "liner-bulk: leads.txt: an export is .xlsx or .csv")]
    [InlineData("leads.csv", new[] { "--order", "0" }, "liner-bulk: --order 0 is not an order id (an integer > 0)")]
    public async Task A_bad_filter_is_one_line_and_exit_2_and_no_page_is_read(string name, string[] more, string message)
    {
        var result = await RunAsync(["export", Path.Combine(_folder.Path, name), .. more]);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal(message.Replace("leads.txt", Path.Combine(_folder.Path, "leads.txt")) + Environment.NewLine, result.Error);
        Assert.DoesNotContain(_sandbox.Received, request => request.Route == SandboxRoute.LeadList);
        Assert.False(File.Exists(Path.Combine(_folder.Path, name)));
    }

    [Fact]
    public async Task An_existing_file_is_never_written_over()
    {
        var path = _folder.Write("old.csv", "keep", new UTF8Encoding(false));

        var result = await RunAsync("export", path);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal("keep", File.ReadAllText(path));
    }

    [Fact]
    public async Task A_page_that_cannot_be_read_stops_the_export_with_exit_3_and_the_file_keeps_the_leads_before()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { LeadCount = 250, LeadListScript = ["200", "refuse:list unavailable"] });
        var path = Path.Combine(_folder.Path, "part.csv");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(sandbox.BaseUrl), "export", path);

        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.StartsWith("liner-bulk: the export stopped part-way: the lead list could not be read at offset 100 (HTTP 200: list unavailable)", result.Error);
        Assert.Equal(100, CliRun.ReadReport(path).Count);
    }

    private object? SandboxDetail(long id) => V2(id)["createdAt"];

    private Dictionary<string, object?> V2(long id)
    {
        using var http = new HttpClient { BaseAddress = _sandbox.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Api-Key", "k");
        using var document = System.Text.Json.JsonDocument.Parse(http.GetStringAsync($"/v2/lead/detail/{id}/").Result);
        return document.RootElement.GetProperty("data").EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.ToString());
    }

    private Task<CliResult> RunAsync(params string[] args) => CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), args);

    private string ReportOf(string input) =>
        Directory.GetFiles(_folder.Path, Path.GetFileNameWithoutExtension(input) + ".report-*").OrderBy(File.GetLastWriteTimeUtc).Last();
}
