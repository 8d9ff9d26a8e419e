using System.Diagnostics;
using System.Text;
using System.Text.Json;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>Resume after kill -9, baseline diffs, dry-run preview and the summary for monitoring.</summary>
public sealed class OperatingTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 20 });

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task After_kill_9_resume_updates_every_lead_and_sends_none_reported_updated_again()
    {
        var input = _folder.WriteLeads(300);
        var report = Path.Combine(_folder.Path, "first.csv");

        // The real program, in its own process, killed without warning part-way.
        var program = Path.Combine(AppContext.BaseDirectory, "liner-bulk.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", program, "run", input, "--report", report, "--rps", "0", "--concurrency", "4"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["LINER_API_KEY"] = CliRun.ApiKey, ["Liner__BaseUrl"] = _sandbox.BaseUrl.ToString(), ["Log__Directory"] = Path.Combine(_folder.Path, "logs") },
        };
        using (var killed = Process.Start(start)!)
        {
            var clock = Stopwatch.StartNew();
            while (_sandbox.Updates.Count < 60 && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(10);
            }

            killed.Kill();
            await killed.WaitForExitAsync();
        }

        var before = _sandbox.Updates.Count;
        Assert.InRange(before, 60, 299);
        var reportedBefore = CliRun.ReadReport(report).Where(row => row["outcome"] == "updated").Select(row => long.Parse(row["lead_id"])).ToHashSet();
        Assert.NotEmpty(reportedBefore);

        var second = Path.Combine(_folder.Path, "second.csv");
        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--resume", report, "--report", second, "--rps", "0");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var resent = _sandbox.Updates.Skip(before).Select(update => update.LeadId!.Value).ToList();
        Assert.Empty(resent.Intersect(reportedBefore));
        var rows = CliRun.ReadReport(second);
        Assert.Equal(Enumerable.Range(1, 300).Select(n => (long)n), rows.Select(row => long.Parse(row["lead_id"])).Order());
        Assert.All(rows, row => Assert.Contains(row["outcome"], new[] { "updated", "skipped" }));
        Assert.Equal(reportedBefore.Count, rows.Count(row => row["outcome"] == "skipped" && row["error"] == "updated in an earlier run"));
        Assert.All(Enumerable.Range(1, 300), lead => Assert.NotNull(_sandbox.Lead(lead)));
    }

    [Fact]
    public async Task A_report_of_another_file_is_refused_before_anything_is_sent()
    {
        var report = _folder.Write("other.report.csv", "source_row,outcome,http_status,attempts,error,lead_id,status\r\n1,updated,200,1,,999,3\r\n", new UTF8Encoding(true));
        var input = _folder.WriteLeads(5);

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--resume", report);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Contains("other.report.csv", result.Error);
        Assert.Empty(_sandbox.Updates);
    }

    [Fact]
    public async Task A_baseline_sends_only_changed_fields_and_formatting_is_no_change()
    {
        var baseline = _folder.Write(
            "last-week.csv",
            "lead_id,client_phone,status,client_name\n1,89001230004,2,Иванов\n2,89001230005,2,Петров\n3,89001230006,2,Сидоров\n",
            new UTF8Encoding(false));
        var input = _folder.Write(
            "this-week.csv",
            "lead_id,client_phone,status,client_name\n1,+7 900 123-00-04,2.0,Иванов\n2,+7 900 123-00-05,3,\n4,89001230007,1,Новый\n",
            new UTF8Encoding(false));
        var report = Path.Combine(_folder.Path, "report.csv");
        var json = Path.Combine(_folder.Path, "summary.json");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--baseline", baseline, "--report", report, "--summary-json", json, "--rps", "0");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(
            ["2 {\"status\":3}", "4 {\"client_name\":\"Новый\",\"client_phone\":\"79001230007\",\"status\":1}"],
            _sandbox.Updates.Select(update => $"{update.LeadId} {Encoding.UTF8.GetString(update.Body)}").Order());
        var rows = CliRun.ReadReport(report).ToDictionary(row => row["lead_id"]);
        Assert.Equal("unchanged", rows["1"]["outcome"]);
        Assert.Equal(("updated", "status: 2 → 3"), (rows["2"]["outcome"], rows["2"]["changes"]));
        Assert.Equal("", rows["4"]["changes"]);
        Assert.Contains("The baseline saved 1 requests", result.Out);
        using var summary = JsonDocument.Parse(File.ReadAllBytes(json));
        Assert.Equal(1, summary.RootElement.GetProperty("requestsSavedByBaseline").GetInt32());
        Assert.Equal(1, summary.RootElement.GetProperty("outcomes").GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task A_baseline_that_names_statuses_is_read_by_the_status_list_the_input_needs_which_is_read_once()
    {
        // Last week's sheet, with the statuses as people write them: a code, a title.
        var baseline = _folder.Write("last-week.csv", "lead_id,status\n1,in-work\n2,new\n", new UTF8Encoding(false));
        var input = _folder.Write("this-week.csv", "lead_id,status\n1,В работе\n2,callback\n", new UTF8Encoding(false));
        var report = Path.Combine(_folder.Path, "report.csv");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--baseline", baseline, "--report", report, "--rps", "0");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Equal(["2 {\"status\":3}"], _sandbox.Updates.Select(update => $"{update.LeadId} {Encoding.UTF8.GetString(update.Body)}"));
        var rows = CliRun.ReadReport(report).ToDictionary(row => row["lead_id"]);
        Assert.Equal("unchanged", rows["1"]["outcome"]);
        Assert.Equal(("updated", "status: 1 → 3"), (rows["2"]["outcome"], rows["2"]["changes"]));
        Assert.Single(_sandbox.StatusListReads);
    }

    [Fact]
    public async Task A_dry_run_previews_bodies_and_estimates_the_time_and_the_summary_json_says_how_it_went()
    {
        var input = _folder.WriteLeads(600);
        var json = Path.Combine(_folder.Path, "summary.json");

        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "run", input, "--dry-run", "--rps", "10", "--summary-json", json);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Would send lead 1: {\"status\":3}", result.Out);
        Assert.Contains("Would send lead 5: {\"status\":3}", result.Out);
        Assert.DoesNotContain("Would send lead 6:", result.Out);
        Assert.Contains("A real run would send 600 requests: about 1 min at 10 requests/s", result.Out);
        using var summary = JsonDocument.Parse(File.ReadAllBytes(json));
        var root = summary.RootElement;
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(600, root.GetProperty("outcomes").GetProperty("dry_run").GetInt32());
        Assert.Equal(Path.GetFullPath(input), root.GetProperty("input").GetString());
        Assert.True(File.Exists(root.GetProperty("report").GetString()));
    }
}

public sealed class FolderRunTests
{
    [Fact]
    public async Task A_folder_is_run_file_by_file_in_name_order_and_each_moved_with_its_report()
    {
        using var folder = new TempFolder();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        var inbox = Directory.CreateDirectory(Path.Combine(folder.Path, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "b.csv"), "lead_id,status\n2,x\n3,4\n");
        File.WriteAllText(Path.Combine(inbox, "a.csv"), "lead_id,status\n1,2\n");
        File.WriteAllText(Path.Combine(inbox, "notes.txt"), "not an input");

        var result = await CliRun.RunAsync(folder, CliRun.Against(sandbox.BaseUrl), "run", inbox + "/", "--rps", "0");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.Equal([1L, 3L], sandbox.Updates.Select(update => update.LeadId!.Value));
        Assert.True(File.Exists(Path.Combine(inbox, "done", "a.csv")));
        Assert.True(File.Exists(Path.Combine(inbox, "failed", "b.csv")));
        Assert.Single(Directory.GetFiles(Path.Combine(inbox, "done"), "a.report-*.csv"));
        var report = Assert.Single(Directory.GetFiles(Path.Combine(inbox, "failed"), "b.report-*.csv"));
        Assert.Equal(2, CliRun.ReadReport(report).Count);
        Assert.Equal(["notes.txt"], Directory.GetFiles(inbox).Select(Path.GetFileName));
    }
}

public sealed class OperatingEdgeTests
{
    [Fact]
    public async Task Resume_resends_a_later_row_of_a_lead_whose_earlier_row_is_sent_again_so_file_order_wins()
    {
        using var folder = new TempFolder();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Script = new() { ["7"] = ["422"] } });
        var input = folder.Write("leads.csv", "lead_id,status\n7,2\n7,3\n8,1\n", new UTF8Encoding(false));
        var first = Path.Combine(folder.Path, "first.csv");
        await CliRun.RunAsync(folder, CliRun.Against(sandbox.BaseUrl), "run", input, "--report", first, "--rps", "0");
        Assert.Equal(["failed", "updated", "updated"], CliRun.ReadReport(first).OrderBy(row => row["source_row"]).Select(row => row["outcome"]));

        var result = await CliRun.RunAsync(folder, CliRun.Against(sandbox.BaseUrl), "run", input, "--resume", first, "--rps", "0");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(3L, (long)sandbox.Lead(7)!["status"]!);
        Assert.Equal(2, sandbox.Updates.Skip(3).Count());
    }

    [Fact]
    public async Task A_report_path_that_is_the_input_is_refused_and_the_input_kept()
    {
        using var folder = new TempFolder();
        var input = folder.WriteLeads(3);
        var before = File.ReadAllBytes(input);

        var result = await CliRun.RunAsync(folder, new Dictionary<string, string?>(), "run", input, "--report", input, "--dry-run");

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public async Task A_plain_http_base_url_off_this_machine_is_refused_so_the_key_never_travels_in_clear()
    {
        using var folder = new TempFolder();
        var input = folder.WriteLeads(1);
        var environment = new Dictionary<string, string?> { ["LINER_API_KEY"] = CliRun.ApiKey };

        var result = await CliRun.RunAsync(folder, environment, "run", input, "--base-url", "http://liner.example.com");

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Contains("plain http", result.Error);
        Assert.DoesNotContain(CliRun.ApiKey, result.Everything);
    }

    [Fact]
    public async Task A_folder_with_a_sent_file_and_an_unusable_one_does_not_claim_nothing_was_sent()
    {
        using var folder = new TempFolder();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        var inbox = Directory.CreateDirectory(Path.Combine(folder.Path, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "a.csv"), "lead_id,status\n1,2\n");
        File.WriteAllText(Path.Combine(inbox, "b.csv"), "lead_id,staus\n2,2\n");

        var result = await CliRun.RunAsync(folder, CliRun.Against(sandbox.BaseUrl), "run", inbox, "--rps", "0");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(inbox, "failed", "b.csv")));
    }
}

public sealed class ProgressTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_terminal_gets_a_live_status_line_and_redirected_output_no_control_characters(bool interactive)
    {
        using var folder = new TempFolder();
        // 25 answers of 100 ms: 2.5 s, on a stepped clock, so the status line is drawn a second apart in simulated time.
        await using var clock = new SteppedClock();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 100 }, clock.Sandbox);
        var input = folder.WriteLeads(25);
        using var interrupts = new Interrupts();

        var result = await CliRun.RunAsync(folder, CliRun.Against(sandbox.BaseUrl), interrupts, interactive, clock.Run, "run", input, "--rps", "0", "--concurrency", "1");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        if (interactive)
        {
            Assert.Contains("\r\u001b[2K", result.Out);
            Assert.Matches(@"\d+ of 25 rows \(\d+%\), \d+\.\d rows/s, about \d\d:\d\d:\d\d left; \d+ updated", result.Out);
        }
        else
        {
            Assert.DoesNotContain('\u001b', result.Out);
            Assert.DoesNotContain('\r', result.Out);
        }

        Assert.Contains("Outcomes:", result.Out);
    }
}
