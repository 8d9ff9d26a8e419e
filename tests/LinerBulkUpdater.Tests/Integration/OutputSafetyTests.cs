using System.Diagnostics;
using System.Text.Json;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>
/// No output of a run destroys a file of the user's, whatever link or path names it, and an output that
/// cannot be written is found before anything is sent: exit 2, one line, nothing sent.
/// </summary>
public sealed class OutputSafetyTests : IAsyncLifetime
{
    private const string Input = "lead_id,status\n1,3\n2,3\n";
    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions());

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    private string WriteInput(string name = "leads.csv") => _folder.Write(name, Input, new System.Text.UTF8Encoding(false));

    private Task<CliResult> Run(params string[] args) => CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), ["run", .. args, "--rps", "0"]);

    private void AssertRefusedAndNothingSent(CliResult result, string expected)
    {
        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal($"liner-bulk: {expected}", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r'));
        Assert.DoesNotContain("   at ", result.Everything);
        Assert.Empty(_sandbox.Updates);
    }

    [Fact]
    public async Task A_report_that_is_a_symbolic_link_to_the_input_is_refused_and_the_input_kept()
    {
        var input = WriteInput();
        var link = Path.Combine(_folder.Path, "report.csv");
        File.CreateSymbolicLink(link, input);

        var result = await Run(input, "--report", link);

        AssertRefusedAndNothingSent(result, $"--report {link} is the input itself (or a link to it); writing it would destroy the input");
        Assert.Equal(Input, File.ReadAllText(input));
    }

    [Fact]
    public async Task A_report_that_is_a_hard_link_to_the_input_is_refused_and_the_input_kept()
    {
        var input = WriteInput();
        var link = Path.Combine(_folder.Path, "report.csv");
        HardLink(input, link);

        var result = await Run(input, "--report", link);

        AssertRefusedAndNothingSent(result, $"--report {link} is the input itself (or a link to it); writing it would destroy the input");
        Assert.Equal(Input, File.ReadAllText(input));
    }

    [Fact]
    public async Task A_summary_json_naming_the_input_or_the_report_is_refused_before_sending()
    {
        var input = WriteInput();
        var report = Path.Combine(_folder.Path, "report.csv");

        var onInput = await Run(input, "--report", report, "--summary-json", input);
        AssertRefusedAndNothingSent(onInput, $"--summary-json {input} is the input itself (or a link to it); writing it would destroy the input");
        var onReport = await Run(input, "--report", report, "--summary-json", report);
        AssertRefusedAndNothingSent(onReport, $"--summary-json {report} is the same file as --report {report}; give each its own");
        Assert.Equal(Input, File.ReadAllText(input));
    }

    [Fact]
    public async Task A_report_over_the_report_it_resumes_from_is_refused()
    {
        var input = WriteInput();
        var earlier = Path.Combine(_folder.Path, "earlier.csv");
        Assert.Equal(ExitCodes.Success, (await Run(input, "--report", earlier)).ExitCode);
        var before = File.ReadAllText(earlier);
        var sent = _sandbox.Updates.Count;

        var result = await Run(input, "--resume", earlier, "--report", earlier);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Contains($"--report {earlier} is --resume {earlier} (or a link to it); writing it would destroy that file", result.Error);
        Assert.Equal(before, File.ReadAllText(earlier));
        Assert.Equal(sent, _sandbox.Updates.Count);
    }

    [Fact]
    public async Task A_report_or_summary_named_like_the_runs_lock_is_refused_before_sending()
    {
        var input = WriteInput();
        var lockPath = input + ".lock";

        var report = await Run(input, "--report", lockPath);
        AssertRefusedAndNothingSent(report, $"--report {lockPath} is the run's lock {lockPath} (or a link to it); writing it would destroy that file");
        var summary = await Run(input, "--summary-json", lockPath);
        AssertRefusedAndNothingSent(summary, $"--summary-json {lockPath} is the run's lock {lockPath} (or a link to it); writing it would destroy that file");
    }

    [Fact]
    public async Task A_summary_json_into_a_missing_folder_is_refused_before_sending()
    {
        var input = WriteInput();
        var json = Path.Combine(_folder.Path, "no-such-folder", "summary.json");

        var result = await Run(input, "--summary-json", json);

        AssertRefusedAndNothingSent(result, $"--summary-json {json}: the folder does not exist");
    }

    [Fact]
    public async Task A_report_that_is_a_folder_is_refused_before_sending()
    {
        var input = WriteInput();
        var folder = Directory.CreateDirectory(Path.Combine(_folder.Path, "reports")).FullName;

        var result = await Run(input, "--report", folder);

        AssertRefusedAndNothingSent(result, $"--report {folder} is a folder; give a file name");
    }

    [Fact]
    public async Task A_report_on_a_full_disk_is_refused_before_any_update()
    {
        // /dev/full answers every write with "no space left on device", as a full disk does (Linux; CI is Linux).
        Assert.True(File.Exists("/dev/full") || !OperatingSystem.IsLinux());
        if (!File.Exists("/dev/full"))
        {
            return;
        }

        var input = WriteInput();

        var result = await Run(input, "--report", "/dev/full");

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.StartsWith("liner-bulk: --report /dev/full: cannot be written: ", result.Error);
        Assert.Empty(_sandbox.Updates);
    }

    [Fact]
    public async Task A_lock_that_cannot_be_made_beside_the_input_is_made_elsewhere_and_the_run_goes_on()
    {
        var input = WriteInput();
        Directory.CreateDirectory(input + ".lock");
        var report = Path.Combine(_folder.Path, "report.csv");

        var result = await Run(input, "--report", report);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(2, CliRun.ReadReport(report).Count);
    }

    [Fact]
    public async Task A_lock_name_that_is_a_link_to_the_input_never_writes_over_the_input()
    {
        var input = WriteInput();
        File.CreateSymbolicLink(input + ".lock", input);
        var report = Path.Combine(_folder.Path, "report.csv");

        var result = await Run(input, "--report", report);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(Input, File.ReadAllText(input));
    }

    [Fact]
    public async Task The_summary_json_of_a_folder_run_describes_every_file_and_the_process_exit_code()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "a.csv"), Input);
        File.WriteAllText(Path.Combine(inbox, "b.csv"), "lead_id,staus\n1,3\n");
        File.WriteAllText(Path.Combine(inbox, "c.csv"), "lead_id,status\n3,3\n");
        var json = Path.Combine(_folder.Path, "summary.json");

        var result = await Run(inbox, "--summary-json", json);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        using var summary = JsonDocument.Parse(File.ReadAllBytes(json));
        var root = summary.RootElement;
        Assert.Equal(result.ExitCode, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(3, root.GetProperty("rows").GetInt32());
        Assert.Equal(3, root.GetProperty("outcomes").GetProperty("updated").GetInt32());
        var files = root.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["a.csv", "b.csv", "c.csv"], files.Select(file => Path.GetFileName(file.GetProperty("input").GetString())));
        Assert.Equal([0, 2, 0], files.Select(file => file.GetProperty("exitCode").GetInt32()));
        Assert.Contains("'staus'", files[1].GetProperty("error").GetString());
        Assert.Equal(Path.Combine(inbox, "done", "a.csv"), files[0].GetProperty("input").GetString());
    }

    [Fact]
    public async Task Ctrl_c_stops_a_dry_run_reading()
    {
        var input = _folder.WriteLeads(400_000);
        var report = Path.Combine(_folder.Path, "report.csv");
        using var interrupts = new Interrupts();

        var run = CliRun.RunAsync(_folder, new Dictionary<string, string?>(), interrupts, "run", input, "--dry-run", "--report", report);
        var clock = Stopwatch.StartNew();
        while (!run.IsCompleted && (!File.Exists(report) || new FileInfo(report).Length < 4096))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the dry run never got going");
            await Task.Delay(2);
        }

        interrupts.Press();
        var result = await run;

        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.Contains("the report lists the rows checked before the stop", result.Error);
        Assert.InRange(CliRun.ReadReport(report).Count, 1, 399_999);
    }

    private static void HardLink(string existing, string link)
    {
        using var ln = Process.Start(new ProcessStartInfo("ln", [existing, link]) { RedirectStandardError = true })!;
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
    }
}
