using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;
using LinerBulkUpdater.Tests.Input;
using static LinerBulkUpdater.Tests.Input.XlsxRowSourceTests;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>
/// An ERP's CSV of ids like <c>001201</c>, opened in a spreadsheet (which reads them as the number 1201) and saved as a
/// workbook: the ids that lost their zeros never overwrite Liner's, and a run that cannot tell says so.
/// </summary>
public sealed class LostZerosTests : IAsyncLifetime
{
    private const string LostZeros = "the spreadsheet dropped the leading zeros; format the column as text and enter the values again";

    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;
    private long _seeded;
    private string _seededId = "";

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions());

        // Liner holds the ERP's ids as text: two set by a CSV run, one as the sandbox seeds it.
        var setUp = _folder.Write("erp.csv", "lead_id,campaign_id,external_id\n7,001201,\n8,,000457\n9,001201,\n", new UTF8Encoding(false));
        Assert.Equal(ExitCodes.Success, (await RunAsync("run", setUp)).ExitCode);
        _seeded = Enumerable.Range(10, 2000).First(lead => _sandbox.CurrentLead(lead)!["campaign_id"] is string id && id.StartsWith('0') && id.TrimStart('0').Length > 0);
        _seededId = (string)_sandbox.CurrentLead(_seeded)!["campaign_id"]!;
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_workbook_whose_ids_lost_their_zeros_run_with_live_diff_leaves_liner_s_ids_as_they_were()
    {
        var sent = _sandbox.Updates.Count;
        var report = Path.Combine(_folder.Path, "report.csv");

        var result = await RunAsync("run", Workbook(), "--live-diff", "--report", report);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        // Lead 9's 1202 is another id, not 001201 without its zeros: that row is a change like any other.
        Assert.Equal(["9 {\"campaign_id\":\"1202\"}"], _sandbox.Updates.Skip(sent).Select(update => $"{update.LeadId} {Encoding.UTF8.GetString(update.Body)}"));
        Assert.Equal(("001201", "000457", _seededId), (Held(7, "campaign_id"), Held(8, "external_id"), Held(_seeded, "campaign_id")));
        Assert.Equal(
            [
                $"7 invalid 200 column 'campaign_id': 1201 is a number cell (B2), and Liner holds '001201': {LostZeros}",
                $"8 invalid 200 column 'external_id': 457 is a number cell (C3), and Liner holds '000457': {LostZeros}",
                $"{_seeded} invalid 200 column 'campaign_id': {_seededId.TrimStart('0')} is a number cell (B4), and Liner holds '{_seededId}': {LostZeros}",
                "9 updated 200 ",
            ],
            CliRun.ReadReport(report).OrderBy(row => int.Parse(row["source_row"], System.Globalization.CultureInfo.InvariantCulture))
                .Select(row => $"{row["lead_id"]} {row["outcome"]} {row["http_status"]} {row["error"]}"));
    }

    [Fact]
    public async Task An_undo_run_that_reads_liner_first_refuses_the_same_rows_and_covers_only_what_it_sends()
    {
        var sent = _sandbox.Updates.Count;
        var undo = Path.Combine(_folder.Path, "undo.csv");

        var result = await RunAsync("run", Workbook(), "--undo", undo, "--report", Path.Combine(_folder.Path, "report.csv"));

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.Equal([9L], _sandbox.Updates.Skip(sent).Select(update => update.LeadId!.Value));
        Assert.Equal(("001201", "000457", _seededId), (Held(7, "campaign_id"), Held(8, "external_id"), Held(_seeded, "campaign_id")));
        Assert.Equal(["9"], CliRun.ReadReport(undo).Select(row => row["lead_id"]));
    }

    [Fact]
    public async Task A_run_that_cannot_compare_warns_once_a_column_and_check_says_it_without_changing_an_outcome()
    {
        var report = Path.Combine(_folder.Path, "report.csv");

        var workbook = Workbook();
        var dryRun = await RunAsync("run", workbook, "--dry-run", "--report", report);
        var check = await RunAsync("check", workbook);

        var warned = dryRun.Out.Split('\n').Where(line => line.Contains("has number cells")).ToList();
        Assert.Equal(2, warned.Count);
        Assert.EndsWith(
            "WRN Column 'campaign_id' has number cells (first B2: 1201): a spreadsheet that read ids as numbers dropped their leading zeros (001201 became 1201); to keep them, format the column as text and enter the ids again",
            warned[0].TrimEnd('\r'));
        Assert.Contains("Column 'external_id' has number cells (first C3: 457)", warned[1]);
        Assert.Equal(ExitCodes.Success, dryRun.ExitCode);
        Assert.All(CliRun.ReadReport(report), row => Assert.Equal("dry_run", row["outcome"]));
        Assert.Equal(ExitCodes.Success, check.ExitCode);
        Assert.Contains(
            "warning        column 'campaign_id' has number cells (first B2: 1201): a spreadsheet that read ids as numbers dropped their leading zeros (001201 became 1201); to keep them, format the column as text and enter the ids again",
            check.Out);
        Assert.Contains("warning        column 'external_id' has number cells (first C3: 457)", check.Out);
    }

    /// <summary>As a spreadsheet saves the ERP's CSV: every id a number cell.</summary>
    [Fact]
    public async Task An_undo_file_a_spreadsheet_saved_as_a_workbook_never_puts_back_an_id_without_its_zeros()
    {
        // A wrong run sets lead 7's campaign id 001201 to 5000; its undo file is opened in a spreadsheet and saved as .xlsx.
        var wrong = _folder.Write("wrong.csv", "lead_id,campaign_id\n7,5000\n", new UTF8Encoding(false));
        var undo = Path.Combine(_folder.Path, "wrong.undo.csv");
        Assert.Equal(ExitCodes.Success, (await RunAsync("run", wrong, "--undo", undo)).ExitCode);
        Assert.Contains("7,001201,5000,", File.ReadAllText(undo));
        var saved = new XlsxFile().Sheet("wrong.undo",
            Row(1, Text("A1", "lead_id"), Text("B1", "campaign_id"), Text("C1", "set:campaign_id"), Text("D1", "undo_of"), Text("E1", "undo_format")) +
            Row(2, Number("A2", "7"), Number("B2", "1201"), Number("C2", "5000"), Text("D2", "wrong.csv row 1"), Number("E2", "3"))).Save(Path.Combine(_folder.Path, "wrong.undo.xlsx"));
        var report = Path.Combine(_folder.Path, "back.csv");

        var result = await RunAsync("run", saved, "--report", report);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.Equal("5000", Held(7, "campaign_id"));
        var row = Assert.Single(CliRun.ReadReport(report));
        Assert.Equal(
            ("invalid", "column 'campaign_id': 1201 is a number cell (B2) of an undo file saved by a spreadsheet, which drops an id's leading zeros (001201 becomes 1201), so it may not be what Liner held; apply the undo file as the run wrote it (CSV)"),
            (row["outcome"], row["error"]));
    }

    private string Workbook() => new XlsxFile().Sheet("Leads",
        Row(1, Text("A1", "lead_id"), Text("B1", "campaign_id"), Text("C1", "external_id")) +
        Row(2, Number("A2", "7"), Number("B2", "1201")) +
        Row(3, Number("A3", "8"), Number("C3", "457")) +
        Row(4, Number("A4", $"{_seeded}"), Number("B4", _seededId.TrimStart('0'))) +
        Row(5, Number("A5", "9"), Number("B5", "1202"))).Save(Path.Combine(_folder.Path, "erp.xlsx"));

    private string? Held(long lead, string field) => (string?)_sandbox.CurrentLead(lead)![field];

    private Task<CliResult> RunAsync(params string[] args) => CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), [.. args, "--rps", "0"]);
}
