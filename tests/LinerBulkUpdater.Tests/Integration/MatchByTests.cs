using System.Text;
using System.Text.Json;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary><c>run --match-by KEY</c> (CONTRACT §8) against the sandbox's lead list: one sweep, each row's lead found by its key.</summary>
public sealed class MatchByTests : IAsyncLifetime
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    // The sandbox's seed: leads 71 and 72 share a phone (one lead in 25 has the phone of the lead before it).
    private (string One, string Two, string Shared) _phones;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { LeadCount = 300 });
        _phones = (Phone(1), Phone(2), Phone(71));
        Assert.Equal(Phone(71), Phone(72));
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Rows_matched_by_a_phone_written_any_way_update_exactly_their_leads_with_exactly_their_other_fields()
    {
        var one = _phones.One;
        var two = _phones.Two;
        var input = _folder.Write("phones.csv",
            "Телефон,priority,Тариф\n" +
            $"8 ({one[1..4]}) {one[4..7]}-{one[7..9]}-{one[9..]},7,vip\n" +
            $"+{two[0]} {two[1..4]} {two[4..7]} {two[7..]},3,\n" +
            $"{_phones.Shared},1,\n" +
            "79000000000,2,\n" +
            ",4,\n",
            Utf8);

        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(CliRun.Against(_sandbox.BaseUrl)) { ["Mapping__Columns__Телефон"] = "client_phone" },
            "run", input, "--match-by", "client_phone");

        Assert.True(result.ExitCode == ExitCodes.SomeRowsFailed, result.Everything);
        Assert.Equal(["""{"priority":7}""", """{"customValues":{"102":"vip"}}""", """{"priority":3}"""],
            _sandbox.Received.Where(request => request.Route is SandboxRoute.Update or SandboxRoute.UpdateV2).OrderBy(request => request.LeadId).ThenBy(request => request.Route)
                .Select(request => Encoding.UTF8.GetString(request.Body)));
        Assert.Equal([1L, 1L, 2L], _sandbox.Received.Where(request => request.Route is SandboxRoute.Update or SandboxRoute.UpdateV2).Select(request => request.LeadId!.Value).Order());
        var rows = CliRun.ReadReport(ReportOf(input)).ToDictionary(row => row["source_row"]);
        Assert.Equal(("updated", "1"), (rows["1"]["outcome"], rows["1"]["matched_lead_id"]));
        Assert.Equal(("updated", "2"), (rows["2"]["outcome"], rows["2"]["matched_lead_id"]));
        Assert.Equal(("invalid", $"column 'Телефон': 2 leads in Liner have client_phone {_phones.Shared} (ids 71, 72): duplicates in Liner; give this row lead_id, or merge them in Liner"),
            (rows["3"]["outcome"], rows["3"]["error"]));
        Assert.Equal(("not_found", "no lead in Liner has client_phone 79000000000 (column 'Телефон'), among the leads swept", ""),
            (rows["4"]["outcome"], rows["4"]["error"], rows["4"]["matched_lead_id"]));
        Assert.Equal(("invalid", "column 'Телефон' is blank: the row's key (--match-by client_phone) finds its lead"), (rows["5"]["outcome"], rows["5"]["error"]));
        // One sweep: 300 leads, 3 pages.
        Assert.Equal(3, _sandbox.Received.Count(request => request.Route == SandboxRoute.LeadList));
        Assert.Contains("1 not_found", result.LogText);
    }

    [Fact]
    public async Task An_integration_id_finds_its_lead_and_live_diff_undo_and_verify_work_on_the_found_lead()
    {
        var lead = Enumerable.Range(1, 300).First(id => _sandbox.CurrentLead(id)!["externalIdAmo"] is string);
        var amo = (string)_sandbox.CurrentLead(lead)!["externalIdAmo"]!;
        var input = _folder.Write("amo.csv", $"ID amo,priority,externalIdMacro\n{amo},42,M-77\n", Utf8);
        var undo = Path.Combine(_folder.Path, "amo.undo.csv");
        var environment = new Dictionary<string, string?>(CliRun.Against(_sandbox.BaseUrl)) { ["Mapping__Columns__ID amo"] = "externalIdAmo" };

        var result = await CliRun.RunAsync(_folder, environment, "run", input, "--match-by", "externalIdAmo", "--live-diff", "--undo", undo, "--verify");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Equal((42L, "M-77"), ((long?)_sandbox.CurrentLead(lead)!["priority"], (string?)_sandbox.CurrentLead(lead)!["externalIdMacro"]));
        var row = Assert.Single(CliRun.ReadReport(ReportOf(input)));
        Assert.Equal(("updated", lead.ToString()), (row["outcome"], row["matched_lead_id"]));
        Assert.Equal(lead.ToString(), Assert.Single(CliRun.ReadReport(undo))["lead_id"]);
        // The key column itself is never sent.
        Assert.DoesNotContain(_sandbox.Received, request => Encoding.UTF8.GetString(request.Body).Contains("externalIdAmo"));
    }

    [Fact]
    public async Task A_custom_field_key_and_a_dry_run_read_the_list_and_send_nothing()
    {
        var lead = Enumerable.Range(1, 300).First(id => _sandbox.CurrentLead(id)!["custom:101"] is string);
        var contract = JsonSerializer.Deserialize<string>((string)_sandbox.CurrentLead(lead)!["custom:101"]!)!;
        var input = _folder.Write("contracts.csv", $"Номер договора,status\n {contract} ,3\n", Utf8);

        var result = await RunAsync(input, "--match-by", "Номер договора", "--dry-run");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        var row = Assert.Single(CliRun.ReadReport(ReportOf(input)));
        Assert.Equal(("dry_run", lead.ToString()), (row["outcome"], row["matched_lead_id"]));
        Assert.DoesNotContain(_sandbox.Received, request => request.Route is SandboxRoute.Update or SandboxRoute.UpdateV2);
    }

    [Fact]
    public async Task A_sweep_that_cannot_finish_sends_nothing_and_every_row_is_not_sent_with_exit_3()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { LeadCount = 300, LeadListScript = ["200", "refuse:list unavailable"] });
        var input = _folder.Write("phones.csv", $"client_phone,priority\n{_phones.One},1\n{_phones.Two},2\nnot a phone,3\n", Utf8);

        var result = await CliRun.RunAsync(_folder, CliRun.Against(sandbox.BaseUrl), "run", input, "--match-by", "client_phone");

        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.DoesNotContain(sandbox.Received, request => request.Route is SandboxRoute.Update or SandboxRoute.UpdateV2);
        var rows = CliRun.ReadReport(ReportOf(input));
        Assert.Equal(3, rows.Count);
        Assert.All(rows, row => Assert.Equal(
            ("not_sent", "not sent: the sweep of Liner's lead list did not finish: the lead list could not be read at offset 100 (HTTP 200: list unavailable)"),
            (row["outcome"], row["error"])));
    }

    [Fact]
    public async Task A_folder_run_sweeps_once_for_all_its_files()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "a.csv"), $"client_phone,priority\n{_phones.One},5\n", Utf8);
        File.WriteAllText(Path.Combine(inbox, "b.csv"), $"client_phone,priority\n{_phones.Two},6\n", Utf8);

        var result = await RunAsync(inbox + "/", "--match-by", "client_phone");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Equal(3, _sandbox.Received.Count(request => request.Route == SandboxRoute.LeadList));
        Assert.Equal((5L, 6L), ((long?)_sandbox.CurrentLead(1)!["priority"], (long?)_sandbox.CurrentLead(2)!["priority"]));
    }

    [Fact]
    public async Task Not_found_rows_are_counted_in_the_summary_json()
    {
        var input = _folder.Write("phones.csv", "client_phone,priority\n79000000000,1\n", Utf8);
        var json = Path.Combine(_folder.Path, "summary.json");

        var result = await RunAsync(input, "--match-by", "client_phone", "--summary-json", json);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        using var summary = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(1, summary.RootElement.GetProperty("outcomes").GetProperty("not_found").GetInt32());
    }

    [Fact]
    public async Task An_xlsx_report_names_the_matched_lead_and_its_summary_sheet_counts_not_found()
    {
        var input = _folder.Write("phones.csv", $"client_phone,priority\n{_phones.One},1\n79000000000,2\n", Utf8);
        var report = Path.Combine(_folder.Path, "report.xlsx");

        var result = await RunAsync(input, "--match-by", "client_phone", "--report", report);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        using var workbook = new ClosedXML.Excel.XLWorkbook(report);
        var sheet = workbook.Worksheet("Report");
        var header = sheet.Row(1).CellsUsed().Select(cell => cell.GetString()).ToList();
        Assert.Equal(["source_row", "outcome", "http_status", "attempts", "error", "changes", "matched_lead_id", "client_phone", "priority"], header);
        // Rows go in as they finish: the not_found row, which needs no request, comes first.
        Assert.Equal(["not_found:", "updated:1"], sheet.RowsUsed().Skip(1).Select(row => $"{row.Cell(2).GetString()}:{row.Cell(7).GetString()}").Order());
        var summary = workbook.Worksheet("Summary").RowsUsed().ToDictionary(row => row.Cell(1).GetString(), row => row.Cell(2).GetString());
        Assert.Equal(("1", "1"), (summary["not_found"], summary["updated"]));
    }

    [Theory]
    [InlineData("client_phone,priority\n79001234567,1\n", new[] { "--match-by", "status" }, "--match-by status: a lead is found by client_phone, externalIdBitrix24, externalIdAmo, externalIdMacro, externalIdDomoplaner, external_id or a custom field of leads (custom:<id> or its title), not by status")]
    [InlineData("client_phone,priority\n79001234567,1\n", new[] { "--match-by", "phone" }, "--match-by 'phone' is no field; a lead is found by client_phone, externalIdBitrix24, externalIdAmo, externalIdMacro, externalIdDomoplaner, external_id or a custom field of leads (custom:<id> or its title)")]
    [InlineData("lead_id,client_phone,priority\n1,79001234567,1\n", new[] { "--match-by", "client_phone" }, "leads.csv: has both a 'lead_id' column and --match-by client_phone: a row names its lead one way; drop the lead_id column, or --match-by")]
    [InlineData("externalIdAmo,priority\n1,1\n", new[] { "--match-by", "client_phone" }, "leads.csv: no column holds client_phone, the key of --match-by; name one 'client_phone' or by an alias")]
    [InlineData("client_phone,priority\n79001234567,1\n", new[] { "--match-by", "client_phone", "--created-from", "2025-12-01", "--created-to", "2025-11-01" }, "--created-from 2025-12-01 is after --created-to 2025-11-01 (2025-12-01T00:00:00Z > 2025-11-01T23:59:59Z): the range is the wrong way round")]
    [InlineData("lead_id,priority\n1,1\n", new[] { "--created-from", "2025-12-01" }, "--created-from and --created-to narrow the sweep of --match-by; without it, rows name their leads by lead_id")]
    public async Task Bad_match_input_is_one_line_and_exit_2_and_nothing_is_read_or_sent(string file, string[] more, string message)
    {
        var input = _folder.Write("leads.csv", file, Utf8);

        var result = await RunAsync([input, .. more]);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal($"liner-bulk: {message}{Environment.NewLine}", result.Error);
        Assert.DoesNotContain(_sandbox.Received, request => request.Route is SandboxRoute.LeadList or SandboxRoute.Update or SandboxRoute.UpdateV2);
    }

    [Fact]
    public async Task External_id_is_a_key_only_for_a_range_narrow_enough()
    {
        await using var wide = await SandboxServer.StartAsync(new SandboxOptions { LeadCount = 300 });
        var external = Enumerable.Range(1, 300).Select(id => (Id: id, External: wide.CurrentLead(id)!["external_id"] as string)).First(lead => lead.External is not null);
        var input = _folder.Write("ext.csv", $"external_id,priority\n{external.External},9\n", Utf8);
        var environment = new Dictionary<string, string?>(CliRun.Against(wide.BaseUrl)) { ["Liner__MatchByV1Limit"] = "100" };

        var refused = await CliRun.RunAsync(_folder, environment, "run", input, "--match-by", "external_id");
        var narrowed = await CliRun.RunAsync(_folder, CliRun.Against(wide.BaseUrl), "run", input, "--match-by", "external_id", "--rps", "0");

        Assert.Equal(ExitCodes.Unusable, refused.ExitCode);
        Assert.StartsWith("liner-bulk: --match-by external_id reads each lead's v1 detail (only it shows external_id): the 300 leads created ", refused.Error);
        Assert.EndsWith("would cost 300 more requests, over Liner:MatchByV1Limit (100); narrow the range with --created-from and --created-to" + Environment.NewLine, refused.Error);
        Assert.True(narrowed.ExitCode == ExitCodes.Success, narrowed.Everything);
        Assert.Equal(9L, wide.CurrentLead(external.Id)!["priority"]);
    }

    [Fact]
    public async Task A_resumed_match_run_skips_the_rows_its_report_says_were_updated_by_their_key_as_written()
    {
        var one = _phones.One;
        var input = _folder.Write("phones.csv", $"client_phone,priority\n+{one[0]} ({one[1..4]}) {one[4..]},5\n{_phones.Two},6\n", Utf8);
        var first = await RunAsync(input, "--match-by", "client_phone");
        var report = ReportOf(input);

        var second = Path.Combine(_folder.Path, "resumed.csv");

        var resumed = await RunAsync(input, "--match-by", "client_phone", "--resume", report, "--report", second);

        Assert.True(first.ExitCode == ExitCodes.Success && resumed.ExitCode == ExitCodes.Success, first.Everything + resumed.Everything);
        Assert.All(CliRun.ReadReport(second), row => Assert.Equal("skipped", row["outcome"]));
        Assert.Equal(2, _sandbox.Received.Count(request => request.Route == SandboxRoute.Update));
    }

    [Fact]
    public async Task A_match_report_fed_back_ignores_matched_lead_id_and_finds_its_leads_again()
    {
        var input = _folder.Write("phones.csv", $"client_phone,priority\n{_phones.One},5\n79000000000,6\n", Utf8);
        await RunAsync(input, "--match-by", "client_phone");
        var again = Path.Combine(_folder.Path, "again.csv");

        var result = await RunAsync(ReportOf(input), "--match-by", "client_phone", "--live-diff", "--report", again);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.Equal(["not_found:", "unchanged:1"], CliRun.ReadReport(again).Select(row => $"{row["outcome"]}:{row["matched_lead_id"]}").Order());
    }

    [Fact]
    public async Task Check_reads_the_first_page_and_says_what_the_sweep_covers_and_costs()
    {
        var input = _folder.Write("phones.csv", $"client_phone,priority\n{_phones.One},5\n", Utf8);

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "check", input, "--match-by", "client_phone", "--created-from", "2024-01-01");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Matches(@"match-by\s+client_phone: the sweep covers 300 leads created 2024-01-01T00:00:00Z to \S+: about 3 pages of the lead list", result.Out);
        Assert.Contains("GET /v2/lead/: page by page, once, before the first row: the lead list swept for each row's lead by client_phone", result.Out);
        Assert.Equal(1, _sandbox.Received.Count(request => request.Route == SandboxRoute.LeadList));
    }

    [Fact]
    public async Task Ctrl_c_during_the_sweep_stops_it_and_every_row_is_not_sent()
    {
        await using var slow = await SandboxServer.StartAsync(new SandboxOptions { LeadCount = 5000, LatencyMs = 100 });
        var input = _folder.Write("phones.csv", $"client_phone,priority\n{_phones.One},1\n{_phones.Two},2\n", Utf8);
        using var interrupts = new Interrupts();

        var run = CliRun.RunAsync(_folder, CliRun.Against(slow.BaseUrl), interrupts, "run", input, "--match-by", "client_phone", "--rps", "0");
        while (slow.Received.Count(request => request.Route == SandboxRoute.LeadList) < 2)
        {
            await Task.Delay(10);
        }

        interrupts.Press();
        var result = await run;

        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.True(slow.Received.Count(request => request.Route == SandboxRoute.LeadList) < 50);
        Assert.DoesNotContain(slow.Received, request => request.Route is SandboxRoute.Update or SandboxRoute.UpdateV2);
        Assert.All(CliRun.ReadReport(ReportOf(input)), row => Assert.Equal("not_sent", row["outcome"]));
    }

    private string Phone(long id) => (string)_sandbox.CurrentLead(id)!["client_phone"]!;

    private Task<CliResult> RunAsync(params string[] args) => CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), ["run", .. args]);

    private string ReportOf(string input) =>
        Directory.GetFiles(Path.GetDirectoryName(input)!, Path.GetFileNameWithoutExtension(input) + ".report-*").OrderBy(File.GetLastWriteTimeUtc).Last();
}
