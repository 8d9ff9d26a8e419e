using System.Text;
using System.Text.RegularExpressions;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary><c>liner-bulk check</c> takes every option of <c>run</c>, refuses what the run would refuse, and prints the run's plan.</summary>
public sealed partial class CheckPlanTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions());

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Check_help_lists_every_option_of_run_help()
    {
        var run = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "run", "--help");
        var check = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "check", "--help");

        var runOptions = Options(run.Out);
        Assert.Contains("--undo", runOptions);
        Assert.Contains("--live-diff", runOptions);
        Assert.Subset(Options(check.Out), runOptions);
    }

    [Fact]
    public async Task A_scheduled_runs_options_pass_when_they_are_usable_and_the_plan_is_printed()
    {
        var input = _folder.Write("leads.csv", "lead_id,status\n1,3\n2,4\n", new UTF8Encoding(false));
        var undo = Directory.CreateDirectory(Path.Combine(_folder.Path, "undo")).FullName + Path.DirectorySeparatorChar;
        var before = Directory.GetFileSystemEntries(_folder.Path, "*", SearchOption.AllDirectories);

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "check", input, "--live-diff", "--undo", undo, "--verify");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Contains("run            read each lead, then send only the fields that differ (--live-diff), then write its undo row (--undo), then update, then read it back (--verify)", result.Out);
        Assert.Matches($"undo file      {Regex.Escape(undo)}leads\\.undo-\\d{{8}}T\\d{{6}}Z\\.csv: writable", result.Out);
        Assert.Contains("               GET /v2/lead/detail/{lead_id}/: each lead, before its first row is sent", result.Out);
        Assert.Contains("               GET /v2/lead/detail/{lead_id}/: each lead again after its update: a field Liner did not keep fails the row", result.Out);
        Assert.Equal(before, Directory.GetFileSystemEntries(_folder.Path, "*", SearchOption.AllDirectories));
        Assert.Empty(_sandbox.Updates);
    }

    [Fact]
    public async Task The_plan_for_an_undo_file_says_whether_it_is_guarded_or_restores_all_and_never_names_live_diff()
    {
        var input = _folder.Write("leads.csv", "lead_id,status\n1,3\n", new UTF8Encoding(false));
        var undo = Directory.CreateDirectory(Path.Combine(_folder.Path, "undo")).FullName;
        var run = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--undo", undo);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Everything);
        var undoFile = Directory.GetFiles(undo).Single();

        var guarded = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "check", undoFile);
        var all = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "check", undoFile, "--restore-all");

        Assert.Contains("run            read each lead, then put back only the fields that still hold what the run set (a field changed since is left alone), then update", guarded.Out);
        Assert.Contains("run            read each lead, then put back every value that differs, also over a change made since (--restore-all), then update", all.Out);
        Assert.DoesNotContain("--live-diff", guarded.Out + all.Out);
    }

    [Fact]
    public async Task An_undo_folder_that_does_not_exist_is_refused_naming_undo_as_the_run_refuses_it()
    {
        var input = _folder.Write("leads.csv", "lead_id,status\n1,3\n", new UTF8Encoding(false));
        var missing = Path.Combine(_folder.Path, "no-such-folder") + Path.DirectorySeparatorChar;

        var check = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "check", input, "--undo", missing);
        var run = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--undo", missing);

        Assert.Equal(ExitCodes.Unusable, check.ExitCode);
        Assert.Equal($"liner-bulk: check: a run would be refused: --undo {missing}: no such folder; make it first, or name the undo file" + Environment.NewLine, check.Error);
        Assert.Equal(ExitCodes.Unusable, run.ExitCode);
        Assert.Equal($"liner-bulk: --undo {missing}: no such folder; make it first, or name the undo file" + Environment.NewLine, run.Error);
        Assert.Empty(_sandbox.Received);
        Assert.False(Directory.Exists(missing));
    }

    [Theory]
    [InlineData("--live-diff", "--baseline", "--live-diff and --baseline both decide what is sent")]
    [InlineData("--dry-run", "--verify", "--verify makes no sense with --dry-run")]
    public async Task Options_that_cannot_go_together_are_refused_by_check_as_by_run(string first, string second, string reason)
    {
        var input = _folder.Write("leads.csv", "lead_id,status\n1,3\n", new UTF8Encoding(false));
        var baseline = _folder.Write("base.csv", "lead_id,status\n1,2\n", new UTF8Encoding(false));
        string[] options = second == "--baseline" ? [first, second, baseline] : [first, second];

        var check = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), ["check", input, .. options]);
        var run = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), ["run", input, .. options]);

        Assert.Equal(ExitCodes.Unusable, check.ExitCode);
        Assert.StartsWith($"liner-bulk: check: a run would be refused: {reason}", check.Error);
        Assert.Equal(ExitCodes.Unusable, run.ExitCode);
        Assert.StartsWith($"liner-bulk: {reason}", run.Error);
    }

    [Fact]
    public async Task A_missing_input_is_named_before_a_missing_base_url()
    {
        var missing = Path.Combine(_folder.Path, "nosuch.csv");

        var run = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "run", missing);
        var check = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "check", missing);

        Assert.Equal($"liner-bulk: cannot read '{missing}': file not found" + Environment.NewLine, run.Error);
        Assert.Equal($"liner-bulk: check: a run would be refused: cannot read '{missing}': file not found" + Environment.NewLine, check.Error);
    }

    [Fact]
    public async Task A_dry_run_needs_no_key_and_check_says_so()
    {
        var input = _folder.Write("leads.csv", "lead_id,status\n1,3\n", new UTF8Encoding(false));

        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "check", input, "--dry-run");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Contains("Liner          not read: settings: Liner:BaseUrl is not set", result.Out);
        Assert.Contains("run            a dry run: each row is checked, nothing is sent", result.Out);
        Assert.Contains("dry run        1 to send", result.Out);
    }

    [Fact]
    public async Task A_dry_run_that_needs_nothing_of_Liner_passes_check_as_it_runs_when_Liner_cannot_be_reached()
    {
        var input = _folder.Write("leads.csv", "lead_id,status\n1,3\n", new UTF8Encoding(false));
        // A key, and a base URL where nothing listens: the dry run of a file of ids never opens it.
        var unreachable = CliRun.Against(new Uri("http://127.0.0.1:1/"));

        var check = await CliRun.RunAsync(_folder, unreachable, "check", input, "--dry-run");
        var run = await CliRun.RunAsync(_folder, unreachable, "run", input, "--dry-run");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Everything);
        Assert.True(check.ExitCode == ExitCodes.Success, check.Everything);
        Assert.Contains("Liner          not read: cannot reach the Liner API at http://127.0.0.1:1", check.Out);
        Assert.Contains("dry run        1 to send", check.Out);
    }

    [Fact]
    public async Task A_folder_runs_undo_folder_two_levels_from_any_that_exists_passes_check_as_the_run_makes_it()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "leads.csv"), "lead_id,status\n1,3\n");
        var undo = Path.Combine(_folder.Path, "undo", "2026", "12");

        var check = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "check", inbox, "--undo", undo);

        Assert.True(check.ExitCode == ExitCodes.Success, check.Everything);
        Assert.Contains($"undo files     in {undo}, made when the run starts: writable", check.Out);
        Assert.DoesNotContain("refused", check.Out);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "undo")));
        var run = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", inbox, "--undo", undo);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Everything);
        Assert.Single(Directory.GetFiles(undo));
    }

    [Fact]
    public async Task A_dry_run_that_reads_Liners_lists_is_planned_with_the_health_check_the_run_makes_first()
    {
        var input = _folder.Write("leads.csv", "lead_id,status,Тариф\n1,Новый,pro\n", new UTF8Encoding(false));

        var check = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "check", input, "--dry-run");
        var run = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--dry-run");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Everything);
        Assert.Equal("/v1/health/check/", _sandbox.Received[^3].Path);
        Assert.True(check.ExitCode == ExitCodes.Success, check.Everything);
        Assert.Contains(
            "requests       GET /v1/health/check/: once, before Liner is first read: the URL and the key" + Environment.NewLine
            + "               GET /v2/custom-field/: once: the custom fields the columns name" + Environment.NewLine
            + "               GET /v2/lead-status/: once, at the first status given by code or title (none for a file of ids)" + Environment.NewLine,
            check.Out);
    }

    private static HashSet<string> Options(string help) => [.. OptionName().Matches(help).Select(match => match.Groups[1].Value)];

    [GeneratedRegex(@"^\s+(--[a-z-]+)", RegexOptions.Multiline)]
    private static partial Regex OptionName();
}
