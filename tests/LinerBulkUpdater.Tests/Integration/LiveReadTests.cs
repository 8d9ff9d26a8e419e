using System.Globalization;
using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>Reading Liner before and after writing (CONTRACT §6), the whole CLI path against the sandbox's read side.</summary>
public sealed class LiveReadTests : IAsyncLifetime
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    public Task InitializeAsync() => StartAsync(new SandboxOptions());

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Status_ids_codes_and_titles_become_ids_and_shared_or_unknown_titles_are_invalid_and_never_sent()
    {
        var input = _folder.Write(
            "statuses.csv",
            "lead_id,status\n1,2\n2,callback\n3,\" перезвонить \"\n4, Целевой \n5,отказ\n6,Перезвонит\n7,CALLBACK-LATER\n8,#clear\n",
            Utf8);

        var result = await RunAsync(input);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.Equal(
            ["1 {\"status\":2}", "2 {\"status\":3}", "4 {\"status\":5}", "5 {\"status\":6}", "7 {\"status\":8}", "8 {\"status\":null}"],
            Bodies().Order(StringComparer.Ordinal));
        var rows = Report(input);
        Assert.Equal(
            "column 'status': 'перезвонить' is the title of 2 statuses: id 3 (code 'callback') and id 8 (code 'callback-later'); write the id or the code",
            rows["3"]["error"]);
        Assert.Equal("column 'status': 'Перезвонит' matches no status; did you mean 'Перезвонить'?", rows["6"]["error"]);
        Assert.Equal(["invalid", "invalid"], new[] { rows["3"]["outcome"], rows["6"]["outcome"] });
        Assert.Single(_sandbox.StatusListReads);
        Assert.Equal("/v2/lead-status/", _sandbox.StatusListReads[0].Path);
    }

    [Fact]
    public async Task A_file_of_status_ids_reads_no_status_list()
    {
        var input = _folder.Write("ids.csv", "lead_id,status,client_name\n1,2,Анна\n2,,Пётр\n3,#clear,\n", Utf8);

        var result = await RunAsync(input);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Empty(_sandbox.Reads);
        Assert.Equal(3, _sandbox.Updates.Count);
    }

    [Fact]
    public async Task The_status_list_is_read_from_the_other_documented_path_when_the_first_answers_404()
    {
        await RestartAsync(new SandboxOptions { StatusListPaths = ["/v2/lead-statuses/"] });
        var input = _folder.Write("names.csv", "lead_id,status\n1,Спам\n2,no-answer\n", Utf8);

        var result = await RunAsync(input);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(["/v2/lead-status/", "/v2/lead-statuses/"], _sandbox.StatusListReads.Select(read => read.Path));
        Assert.Equal(["1 {\"status\":7}", "2 {\"status\":4}"], Bodies().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_status_list_that_cannot_be_read_stops_the_run_before_anything_is_sent()
    {
        await RestartAsync(new SandboxOptions { StatusListPaths = ["/v2/lead-statuses/"] });
        var input = _folder.Write("names.csv", "lead_id,status\n1,Спам\n", Utf8);

        var result = await RunAsync(input, "--config", Settings("{\"Liner\":{\"StatusListPath\":\"/v2/statuses/\"}}"));

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.StartsWith("liner-bulk: Liner's lead-status list could not be read from /v2/statuses/ (HTTP 404", result.Error);
        Assert.Empty(_sandbox.Updates);
    }

    [Fact]
    public async Task A_status_named_late_in_the_file_reads_the_list_once_with_no_pass_over_the_file_first()
    {
        var input = _folder.Write("late.csv", "lead_id,status\n1,2\n2,3\n3,Спам\n4,callback\n5,2\n", Utf8);

        var result = await RunAsync(input, "--concurrency", "1");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Single(_sandbox.StatusListReads);
        Assert.Equal(["1 {\"status\":2}", "2 {\"status\":3}", "3 {\"status\":7}", "4 {\"status\":3}", "5 {\"status\":2}"], Bodies().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_status_list_that_cannot_be_read_at_the_first_row_still_reports_every_row_not_sent()
    {
        var input = _folder.Write("names.csv", "lead_id,status\n1,Спам\n2,3\n3,отказ\n", Utf8);

        var result = await RunAsync(input, "--config", Settings("{\"Liner\":{\"StatusListPath\":\"/v2/statuses/\"}}"));

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Empty(_sandbox.Updates);
        Assert.Equal(["not_sent", "not_sent", "not_sent"], Report(input).Values.Select(row => row["outcome"]));
    }

    [Fact]
    public async Task A_status_list_that_cannot_be_read_after_rows_went_on_stops_the_run_part_way()
    {
        var input = _folder.Write("names.csv", "lead_id,status\n1,2\n2,3\n3,Спам\n4,2\n", Utf8);

        var result = await RunAsync(input, "--concurrency", "1", "--config", Settings("{\"Liner\":{\"StatusListPath\":\"/v2/statuses/\"}}"));

        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.Contains("stopped part-way: Liner's lead-status list could not be read from /v2/statuses/ (HTTP 404", result.Error);
        var rows = Report(input);
        Assert.Equal(4, rows.Count);
        Assert.Equal("not_sent", rows["3"]["outcome"]);
        Assert.Equal("not_sent", rows["4"]["outcome"]);
        Assert.DoesNotContain(_sandbox.Updates, update => update.LeadId is 3 or 4);
    }

    [Fact]
    public async Task A_folder_file_refused_for_a_status_list_that_cannot_be_read_goes_to_failed_and_the_next_file_still_runs()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "a.csv"), "lead_id,status\n1,Спам\n");
        File.WriteAllText(Path.Combine(inbox, "b.csv"), "lead_id,status\n2,3\n");

        var result = await CliRun.RunAsync(
            _folder, CliRun.Against(_sandbox.BaseUrl), "run", inbox, "--rps", "0", "--config", Settings("{\"Liner\":{\"StatusListPath\":\"/v2/statuses/\"}}"));

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(inbox, "failed", "a.csv")), result.Everything);
        Assert.True(File.Exists(Path.Combine(inbox, "done", "b.csv")), result.Everything);
        Assert.Equal(["2 {\"status\":3}"], Bodies());
    }

    [Fact]
    public async Task Live_diff_sends_exactly_the_fields_that_differ_and_a_lead_with_none_is_unchanged_for_one_read()
    {
        var (status11, priority11) = (Number(11, "status"), Number(11, "priority"));
        var phone12 = Text(12, "client_phone")!;
        var priority13 = Number(13, "priority");
        var input = _folder.Write(
            "diff.csv",
            "lead_id,status,priority,client_phone\n" +
            $"11,{status11},{priority11 + 1},\n" +
            $"12,{Number(12, "status")},{Number(12, "priority")},\"+{phone12[0]} ({phone12[1..4]}) {phone12[4..7]}-{phone12[7..9]}-{phone12[9..]}\"\n" +
            $"13,,{(priority13 + 3) % 10},\n" +
            $"13,,{(priority13 + 3) % 10},\n" +
            $"13,,{(priority13 + 4) % 10},\n",
            Utf8);

        var result = await RunAsync(input, "--live-diff");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(
            [$"11 {{\"priority\":{priority11 + 1}}}", $"13 {{\"priority\":{(priority13 + 3) % 10}}}", $"13 {{\"priority\":{(priority13 + 4) % 10}}}"],
            Bodies().OrderBy(body => body[..2], StringComparer.Ordinal));
        var rows = Report(input);
        Assert.Equal(("unchanged", "", "no field differs from what Liner holds"), (rows["2"]["outcome"], rows["2"]["changes"], rows["2"]["error"]));
        Assert.Equal(("unchanged", "200"), (rows["4"]["outcome"], rows["4"]["http_status"]));
        Assert.Equal($"priority: {priority11} → {priority11 + 1}", rows["1"]["changes"]);
        Assert.Equal(["updated", "unchanged", "updated", "unchanged", "updated"], Enumerable.Range(1, 5).Select(n => rows[$"{n}"]["outcome"]));

        // One read a lead (13's rows follow each other, so it is read once), the v1 detail never: no row touches its fields.
        Assert.Equal([11, 12, 13], _sandbox.Reads.Select(read => read.LeadId!.Value).Order());
        Assert.All(_sandbox.Reads, read => Assert.StartsWith("/v2/lead/detail/", read.Path));
    }

    [Fact]
    public async Task Live_diff_reads_the_v1_detail_only_for_campaign_id_and_external_id()
    {
        var campaign = Text(14, "campaign_id") ?? "";
        var input = _folder.Write("v1.csv", $"lead_id,campaign_id,priority\n14,{campaign},\n15,,3\n", Utf8);

        var result = await RunAsync(input, "--live-diff");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(
            ["/v1/lead/detail/14/", "/v2/lead/detail/14/", "/v2/lead/detail/15/"],
            _sandbox.Reads.Select(read => read.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_with_live_diff_reads_writes_nothing_and_the_report_says_what_would_change()
    {
        var before = Number(16, "status");
        var after = before == 5 ? 6 : 5;
        var input = _folder.Write("preview.csv", $"lead_id,status,priority\n16,{after},{Number(16, "priority")}\n17,{Number(17, "status")},\n", Utf8);

        var result = await RunAsync(input, "--dry-run", "--live-diff");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Empty(_sandbox.Updates);
        Assert.All(_sandbox.Received, request => Assert.Equal("GET", request.Method));
        var rows = Report(input);
        Assert.Equal(("dry_run", $"status: {before} → {after}"), (rows["1"]["outcome"], rows["1"]["changes"]));
        Assert.Equal("unchanged", rows["2"]["outcome"]);
        Assert.Contains("Dry run: Liner is read, nothing is written", result.Out);
    }

    [Fact]
    public async Task A_lead_liner_does_not_know_fails_and_its_update_is_not_sent()
    {
        await RestartAsync(new SandboxOptions { MissingLeads = [21] });
        var input = _folder.Write("missing.csv", "lead_id,priority\n21,5\n22,5\n", Utf8);

        var result = await RunAsync(input, "--live-diff");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        var rows = Report(input);
        Assert.Equal(("failed", "404", "0"), (rows["1"]["outcome"], rows["1"]["http_status"], rows["1"]["attempts"]));
        Assert.StartsWith("lead not found", rows["1"]["error"]);
        Assert.DoesNotContain(_sandbox.Updates, update => update.LeadId == 21);
    }

    [Fact]
    public async Task A_run_whose_first_reads_all_find_no_lead_stops_rather_than_fail_every_row()
    {
        await RestartAsync(new SandboxOptions { MissingLeads = [.. Enumerable.Range(1, 30).Select(lead => (long)lead)] });
        var input = _folder.Write("wrong-path.csv", "lead_id,priority\n" + string.Concat(Enumerable.Range(1, 60).Select(lead => $"{lead},5\n")), Utf8);

        var result = await RunAsync(input, "--live-diff", "--concurrency", "1");

        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.Contains("the first 20 leads read were all not found: is Liner:LeadDetailPath right?", result.Error);
        Assert.Empty(_sandbox.Updates);
        var rows = Report(input);
        Assert.Equal(60, rows.Count);
        // The read on the wire when the twentieth came back finishes too.
        var failed = rows.Values.Count(row => row["outcome"] == "failed");
        Assert.InRange(failed, 20, 21);
        Assert.Equal(60 - failed, rows.Values.Count(row => row["outcome"] == "not_sent"));
    }

    [Fact]
    public async Task A_dry_run_that_must_read_needs_the_url_and_key_and_says_why()
    {
        var input = _folder.Write("names.csv", "lead_id,status\n1,Спам\n", Utf8);

        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "run", input, "--dry-run");

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.StartsWith("liner-bulk: a dry run writes nothing, but the file names statuses by code or title, so Liner's status list is read: settings: Liner:BaseUrl is not set", result.Error);
    }

    [Fact]
    public async Task The_sandbox_starts_for_a_dry_run_that_reads()
    {
        var input = _folder.Write("names.csv", "lead_id,status\n1,Спам\n", Utf8);

        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "run", input, "--dry-run", "--live-diff", "--sandbox");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Single(Directory.GetFiles(_folder.Path, "names.report-*.csv"));
    }

    [Theory]
    [InlineData("--live-diff", "--baseline", "base.csv")]
    [InlineData("--dry-run", "--undo", "undo.csv")]
    [InlineData("--dry-run", "--verify", null)]
    public async Task Options_that_cannot_go_together_are_refused_before_anything_is_read(string first, string second, string? value)
    {
        var input = _folder.Write("leads.csv", "lead_id,status\n1,2\n", Utf8);
        _folder.Write("base.csv", "lead_id,status\n1,3\n", Utf8);
        string[] args = value is null ? ["run", input, first, second] : ["run", input, first, second, Path.Combine(_folder.Path, value)];

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), args);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Contains(second == "--baseline" ? "--live-diff and --baseline" : second, result.Error);
        Assert.Empty(_sandbox.Received);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "undo.csv")));
    }

    [Fact]
    public async Task Verify_fails_a_row_whose_field_liner_accepted_but_did_not_keep_naming_the_field()
    {
        await RestartAsync(new SandboxOptions { Ignores = new() { ["41"] = ["status"] } });
        var held = Number(41, "status");
        var sent = held == 5 ? 6 : 5;
        var input = _folder.Write("verify.csv", $"lead_id,status,priority\n41,{sent},1\n42,{sent},1\n", Utf8);

        var result = await RunAsync(input, "--verify");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        var rows = Report(input);
        Assert.Equal(("failed", "200", "1"), (rows["1"]["outcome"], rows["1"]["http_status"], rows["1"]["attempts"]));
        Assert.Equal($"Liner accepted the update but did not keep it: status: sent {sent}, Liner holds {held}", rows["1"]["error"]);
        Assert.Equal("updated", rows["2"]["outcome"]);
        Assert.Equal(2, _sandbox.Updates.Count);
        Assert.Equal(2, _sandbox.Reads.Count);
    }

    [Fact]
    public async Task Verify_fails_a_row_whose_read_back_fails_saying_the_update_was_accepted()
    {
        await RestartAsync(new SandboxOptions { ReadScript = new() { ["43"] = ["404"] } });
        var input = _folder.Write("verify.csv", "lead_id,priority\n43,1\n", Utf8);

        var result = await RunAsync(input, "--verify");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        var row = Report(input)["1"];
        Assert.Equal(("failed", "404"), (row["outcome"], row["http_status"]));
        Assert.StartsWith("the update was accepted (HTTP 200) but could not be checked: HTTP 404", row["error"]);
        Assert.Equal(1L, _sandbox.CurrentLead(43)!["priority"]);
    }

    private async Task StartAsync(SandboxOptions options) => _sandbox = await SandboxServer.StartAsync(options);

    private async Task RestartAsync(SandboxOptions options)
    {
        await _sandbox.DisposeAsync();
        await StartAsync(options);
    }

    private Task<CliResult> RunAsync(string input, params string[] options) =>
        CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), ["run", input, "--report", ReportOf(input), "--rps", "0", .. options]);

    private string ReportOf(string input) => Path.Combine(_folder.Path, Path.GetFileNameWithoutExtension(input) + ".report.csv");

    /// <summary>The report's rows by source_row.</summary>
    private Dictionary<string, Dictionary<string, string>> Report(string input) =>
        CliRun.ReadReport(ReportOf(input)).ToDictionary(row => row["source_row"]);

    private List<string> Bodies() => _sandbox.Updates.Select(update => $"{update.LeadId} {Encoding.UTF8.GetString(update.Body)}").ToList();

    private string Settings(string json) => _folder.Write("settings.json", json, Utf8);

    private long Number(long lead, string field) => Convert.ToInt64(_sandbox.CurrentLead(lead)![field], CultureInfo.InvariantCulture);

    private string? Text(long lead, string field) => (string?)_sandbox.CurrentLead(lead)![field];
}
