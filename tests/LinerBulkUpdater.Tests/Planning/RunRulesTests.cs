using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Planning;

namespace LinerBulkUpdater.Tests.Planning;

/// <summary>Every rule about a run's options, as values, in the order a user fixes them.</summary>
public sealed class RunRulesTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _input;

    public RunRulesTests() => _input = _folder.Write("leads.csv", "lead_id,status\n1,3\n", new UTF8Encoding(false));

    public void Dispose() => _folder.Dispose();

    private AppSettings Settings(string baseUrl = "https://liner.example", string? key = "k") => AppSettings.Load(
        new CliHost(TextWriter.Null, TextWriter.Null, new Dictionary<string, string?> { ["LINER_API_KEY"] = key }, _folder.Path, new Interrupts()),
        null,
        new Dictionary<string, string?> { ["Liner:BaseUrl"] = baseUrl });

    private IReadOnlyList<string> Problems(RunOptions options, AppSettings? settings = null) => RunRules.Problems(options, settings ?? Settings());

    [Fact]
    public void A_plain_run_with_a_key_has_no_problem() => Assert.Empty(Problems(new RunOptions(_input)));

    [Fact]
    public void A_missing_input_is_the_only_problem_named_whatever_else_is_wrong()
    {
        var missing = Path.Combine(_folder.Path, "nosuch.csv");

        var problems = Problems(new RunOptions(missing, LiveDiff: true, BaselinePath: _input), Settings(baseUrl: ""));

        Assert.Equal([$"cannot read '{missing}': file not found"], problems);
    }

    [Theory]
    [InlineData(true, false, false, "--live-diff and --baseline both decide what is sent: the live comparison with Liner supersedes the file; give one of them")]
    [InlineData(false, true, false, "--undo makes no sense with --dry-run, which changes nothing (--dry-run --live-diff shows what would change)")]
    [InlineData(false, false, true, "--verify makes no sense with --dry-run, which changes nothing (--dry-run --live-diff shows what would change)")]
    public void Options_that_cannot_go_together_are_named(bool liveDiffAndBaseline, bool dryRunAndUndo, bool dryRunAndVerify, string problem)
    {
        var options = new RunOptions(
            _input,
            DryRun: dryRunAndUndo || dryRunAndVerify,
            LiveDiff: liveDiffAndBaseline,
            BaselinePath: liveDiffAndBaseline ? _input : null,
            UndoPath: dryRunAndUndo ? Path.Combine(_folder.Path, "undo.csv") : null,
            Verify: dryRunAndVerify);

        Assert.Equal([problem], Problems(options));
    }

    [Fact]
    public void A_folder_takes_no_report_nor_resume()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "inbox")).FullName;

        Assert.Equal(
            ["--report and --resume name one file's report; with a folder each file gets its own, beside it"],
            Problems(new RunOptions(inbox, ReportPath: Path.Combine(_folder.Path, "r.csv"))));
    }

    [Fact]
    public void A_run_that_writes_needs_the_base_url_but_a_dry_run_and_the_sandbox_do_not()
    {
        var noUrl = Settings(baseUrl: "");

        Assert.StartsWith("settings: Liner:BaseUrl is not set", Assert.Single(Problems(new RunOptions(_input), noUrl)));
        Assert.Empty(Problems(new RunOptions(_input, DryRun: true), noUrl));
        Assert.Empty(Problems(new RunOptions(_input, Sandbox: true), noUrl));
    }

    [Fact]
    public void An_undo_folder_must_exist_for_one_file_and_is_made_for_a_folder_run_but_never_the_inbox()
    {
        var missing = Path.Combine(_folder.Path, "undo") + Path.DirectorySeparatorChar;
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "inbox")).FullName;

        Assert.Equal([$"--undo {missing}: no such folder; make it first, or name the undo file"], Problems(new RunOptions(_input, UndoPath: missing)));
        Assert.Empty(Problems(new RunOptions(inbox, UndoPath: missing)));
        Assert.False(Directory.Exists(missing));
        Assert.Equal(
            [$"--undo {inbox}{Path.DirectorySeparatorChar} is the folder the run takes its inputs from: the next run would apply the undo files; give another folder"],
            Problems(new RunOptions(inbox, UndoPath: inbox + Path.DirectorySeparatorChar)));
    }

    [Fact]
    public void An_undo_file_that_exists_or_whose_folder_does_not_is_refused()
    {
        var inNoFolder = Path.Combine(_folder.Path, "nope", "undo.csv");

        Assert.StartsWith($"--undo {_input} already exists: an undo file is never written over", Assert.Single(Problems(new RunOptions(_input, UndoPath: _input))));
        Assert.Equal([$"--undo {inNoFolder}: the folder {Path.GetDirectoryName(inNoFolder)} does not exist"], Problems(new RunOptions(_input, UndoPath: inNoFolder)));
        Assert.Empty(Problems(new RunOptions(_input, UndoPath: Path.Combine(_folder.Path, "undo.csv"))));
    }

    [Fact]
    public void An_undo_path_that_is_a_file_is_refused_in_a_folder_run()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "inbox")).FullName;

        Assert.Equal(
            [$"--undo {_input} is a file; in a folder run --undo names a folder, where each input's undo file goes"],
            Problems(new RunOptions(inbox, UndoPath: _input)));
    }

    [Fact]
    public void An_empty_undo_path_is_refused_as_no_file_name_for_one_file_and_for_a_folder()
    {
        // `--undo "$UNDO_DIR"` with the variable unset: a one-line refusal, not a crash.
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "inbox")).FullName;

        Assert.Equal(["--undo : not a valid file name"], Problems(new RunOptions(_input, UndoPath: "")));
        Assert.Equal(["--undo : not a valid file name"], Problems(new RunOptions(inbox, UndoPath: "")));
    }
}
