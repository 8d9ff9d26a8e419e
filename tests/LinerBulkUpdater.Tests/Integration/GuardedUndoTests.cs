using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>
/// The undo applied at 9 a.m., after the agents worked some of the leads a wrong 3 a.m. run changed (CONTRACT §6
/// "Guarded undo"): a field someone changed since is left as they set it and its row says so; every other field goes
/// back exactly; nothing is put back over a person's work unless the user says so.
/// </summary>
public sealed class GuardedUndoTests : IAsyncLifetime
{
    private static readonly UTF8Encoding Utf8 = new(false);

    private const string Seed = """
        {"version": 1, "leads": {
          "1": {"updatedAt": "2025-06-02T10:00:00Z", "fields": {"status": 2, "priority": 1}},
          "2": {"updatedAt": "2025-06-02T10:00:00Z", "fields": {"status": 2, "priority": 1}},
          "3": {"updatedAt": "2025-06-02T10:00:00Z", "fields": {"status": 3, "priority": 1}},
          "4": {"updatedAt": "2025-06-02T10:00:00Z", "fields": {"status": 4, "priority": null}},
          "5": {"updatedAt": "2025-06-02T10:00:00Z", "fields": {"status": 5, "priority": 1}},
          "6": {"updatedAt": "2025-06-02T10:00:00Z", "fields": {"status": 6, "priority": 1}}
        }}
        """;

    // The wrong file: status 11 for all, a priority for lead 3, and lead 5 twice (11, then 12).
    private const string WrongFile = "lead_id,status,priority\n1,11,\n2,11,\n3,11,9\n4,11,\n5,11,\n6,11,\n5,12,\n";

    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;
    private Dictionary<long, Dictionary<string, object?>> _originals = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { StateFile = _folder.Write("liner.json", Seed, Utf8) });
        _originals = Enumerable.Range(1, 6).ToDictionary(lead => (long)lead, lead => Held(lead));
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    private Dictionary<string, object?> Held(long lead) => _sandbox.CurrentLead(lead)!.ToDictionary();

    [Fact]
    public async Task A_field_an_agent_changed_since_is_left_as_they_set_it_the_row_says_so_and_every_other_field_goes_back_exactly()
    {
        var undo = await WrongRunAsync();
        // 8 a.m.: agents call leads 2 and 3 back; one sets lead 6 back to its old status by hand.
        await AgentSetsAsync(2, new { status = 7 });
        await AgentSetsAsync(3, new { status = 8 });
        await AgentSetsAsync(6, new { status = 6 });
        var updatesBefore = _sandbox.Updates.Count;

        var (back, rows) = await ApplyAsync(undo);

        Assert.Equal(ExitCodes.SomeRowsFailed, back.ExitCode);
        // Lead 2: the agent's status stays, nothing sent.
        Assert.Equal(7L, Held(2)["status"]);
        Assert.Equal(
            ("changed_since", "changed since the run, left as it is: status: Liner holds '7', the run had set '11'", ""),
            (rows["2"][0]["outcome"], rows["2"][0]["error"], rows["2"][0]["changes"]));
        // Lead 3: its status stays, its priority (which nobody touched since) goes back.
        Assert.Equal(new Dictionary<string, object?>(_originals[3]) { ["status"] = 8L }, Held(3));
        Assert.Equal(
            ("changed_since", "changed since the run, left as it is: status: Liner holds '8', the run had set '11'", "priority: 9 → 1"),
            (rows["3"][0]["outcome"], rows["3"][0]["error"], rows["3"][0]["changes"]));
        // Lead 6 is back already: nothing to send.
        Assert.Equal("unchanged", rows["6"][0]["outcome"]);
        // Lead 5's second row set 12: Liner holds a value the run set, so its status goes back; its record row restores nothing itself.
        Assert.Equal(_originals[5], Held(5));
        Assert.Equal(["updated", "skipped"], rows["5"].Select(row => row["outcome"]));
        Assert.StartsWith("records what a later row of the run set in status", rows["5"][1]["error"]);
        Assert.All(new long[] { 1, 4, 5 }, lead => Assert.Equal(_originals[lead], Held(lead)));
        Assert.Equal([1L, 3L, 4L, 5L], _sandbox.Updates.Skip(updatesBefore).Select(update => update.LeadId!.Value).Order());
        Assert.Contains("changed_since", back.Out);
    }

    [Fact]
    public async Task Restore_all_puts_back_every_value_over_changes_made_since()
    {
        var undo = await WrongRunAsync();
        await AgentSetsAsync(2, new { status = 7 });

        var (back, rows) = await ApplyAsync(undo, "--restore-all");

        Assert.Equal(ExitCodes.Success, back.ExitCode);
        Assert.All(_originals, original => Assert.Equal(original.Value, Held(original.Key)));
        Assert.Equal(("updated", "status: 7 → 2"), (rows["2"][0]["outcome"], rows["2"][0]["changes"]));
    }

    [Fact]
    public async Task A_dry_run_of_the_undo_file_shows_what_it_would_leave_alone_and_changes_nothing()
    {
        var undo = await WrongRunAsync();
        await AgentSetsAsync(2, new { status = 7 });
        var updatesBefore = _sandbox.Updates.Count;

        var (preview, rows) = await ApplyAsync(undo, "--dry-run");

        Assert.Equal(ExitCodes.SomeRowsFailed, preview.ExitCode);
        Assert.Equal(updatesBefore, _sandbox.Updates.Count);
        Assert.Equal(("dry_run", "status: 11 → 2"), (rows["1"][0]["outcome"], rows["1"][0]["changes"]));
        Assert.Equal(("changed_since", "changed since the run, left as it is: status: Liner holds '7', the run had set '11'"), (rows["2"][0]["outcome"], rows["2"][0]["error"]));
        Assert.Equal(7L, Held(2)["status"]);
    }

    [Fact]
    public async Task A_row_with_a_value_to_put_back_but_no_value_the_run_set_is_invalid_not_applied_unguarded()
    {
        var undo = await WrongRunAsync();
        var text = File.ReadAllText(undo, Encoding.UTF8);
        var edited = _folder.Write("edited.undo.csv", text.Replace("\r\n1,2,,11,,", "\r\n1,2,,,,"), Utf8, byteOrderMark: true);

        var (back, rows) = await ApplyAsync(edited);

        Assert.Equal(ExitCodes.SomeRowsFailed, back.ExitCode);
        Assert.Equal("invalid", rows["1"][0]["outcome"]);
        Assert.Contains("column 'status' has a value to put back, but 'set:status', what the run set, is blank", rows["1"][0]["error"]);
        Assert.Equal(11L, Held(1)["status"]);
        Assert.Equal(_originals[4], Held(4));
    }

    [Fact]
    public async Task The_undo_file_of_an_undo_records_only_the_fields_it_put_back_not_those_it_left_as_an_agent_set_them()
    {
        var undo = await WrongRunAsync();
        await AgentSetsAsync(3, new { status = 8 });
        var again = Path.Combine(_folder.Path, "back.undo.csv");

        var (back, rows) = await ApplyAsync(undo, "--undo", again);

        Assert.Equal(ExitCodes.SomeRowsFailed, back.ExitCode);
        Assert.Equal(("changed_since", "priority: 9 → 1"), (rows["3"][0]["outcome"], rows["3"][0]["changes"]));
        // Lead 3's status was left at the agent's 8: the undo of this undo has nothing to say about it.
        var lead3 = Assert.Single(CliRun.ReadReport(again), row => row["lead_id"] == "3");
        Assert.Equal(("", "", "9", "1"), (lead3["status"], lead3["set:status"], lead3["priority"], lead3["set:priority"]));
    }

    [Fact]
    public async Task An_undo_file_whose_undo_format_column_was_deleted_in_a_spreadsheet_is_refused_saying_so_not_that_it_lacks_set_columns()
    {
        var undo = await WrongRunAsync();
        var lines = File.ReadAllLines(undo, Encoding.UTF8).Select(line => line[..line.LastIndexOf(',')]);
        var edited = _folder.Write("edited.undo.csv", string.Join("\r\n", lines) + "\r\n", Utf8, byteOrderMark: true);
        var updates = _sandbox.Updates.Count;

        var refused = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", edited, "--rps", "0");

        Assert.Equal(ExitCodes.Unusable, refused.ExitCode);
        Assert.DoesNotContain("it has no set: columns", refused.Error);
        Assert.Contains("edited.undo.csv has set: columns but no undo_format column", refused.Error);
        Assert.Equal(updates, _sandbox.Updates.Count);
    }

    /// <summary>The 3 a.m. run of the wrong file, with an undo file; returns its path.</summary>
    private async Task<string> WrongRunAsync()
    {
        var input = _folder.Write("wrong.csv", WrongFile, Utf8);
        var undo = Path.Combine(_folder.Path, "wrong.undo.csv");
        var run = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--live-diff", "--undo", undo, "--report", Path.Combine(_folder.Path, "wrong.report.csv"), "--rps", "0");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.All(Enumerable.Range(1, 6), lead => Assert.Equal(lead == 5 ? 12L : 11L, Held(lead)["status"]));
        return undo;
    }

    /// <summary>The undo file applied as the console advises; its report's rows by lead, in file order.</summary>
    private async Task<(CliResult Result, Dictionary<string, List<Dictionary<string, string>>> Rows)> ApplyAsync(string undo, params string[] options)
    {
        var report = Path.Combine(_folder.Path, $"back.{Guid.NewGuid():N}.report.csv");
        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), ["run", undo, "--report", report, "--rps", "0", .. options]);
        Assert.True(File.Exists(report), result.Error);
        var rows = CliRun.ReadReport(report).GroupBy(row => row["lead_id"]).ToDictionary(group => group.Key, group => group.OrderBy(row => int.Parse(row["source_row"])).ToList());
        return (result, rows);
    }

    /// <summary>An agent's change in Liner's own screens: an update that is not the tool's.</summary>
    private async Task AgentSetsAsync(long lead, object fields)
    {
        using var http = new HttpClient { BaseAddress = _sandbox.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Api-Key", CliRun.ApiKey);
        using var answer = await http.PostAsync($"/v1/lead/update/{lead}/", JsonContent.Create(fields, options: JsonSerializerOptions.Web));
        answer.EnsureSuccessStatusCode();
    }
}
