using System.Diagnostics;
using System.Text;
using LinerBulkUpdater.Operating;

namespace LinerBulkUpdater.Tests.Operating;

/// <summary>
/// The check of a run's outputs before anything is sent: an output is never a file the run reads nor another output,
/// however a link or a path spells it, and one that cannot be written is refused now, in one line naming the option
/// and the path as given, rather than after every row went to Liner.
/// </summary>
public sealed class OutputFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _input;

    public OutputFilesTests() => _input = _folder.Write("leads.csv", "lead_id,status\n7,3\n", new UTF8Encoding(false));

    public void Dispose() => _folder.Dispose();

    private string InFolder(string name) => Path.Combine(_folder.Path, name);

    private static string Refusal(IReadOnlyList<(string, string)> reads, IReadOnlyList<(string, string)> outputs) =>
        Assert.Throws<UsageException>(() => OutputFiles.Check(reads, outputs)).Message;

    private static void HardLink(string existing, string link)
    {
        using var ln = Process.Start(new ProcessStartInfo("ln", [existing, link]) { RedirectStandardError = true })!;
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
    }

    [Fact]
    public void A_report_at_the_inputs_path_is_refused_as_the_input_itself()
    {
        Assert.Equal(
            $"--report {_input} is the input itself (or a link to it); writing it would destroy the input",
            Refusal([("the input", _input)], [("--report", _input)]));
        Assert.Equal("lead_id,status\n7,3\n", File.ReadAllText(_input));
    }

    [Theory]
    [InlineData("symbolic")]
    [InlineData("hard")]
    [InlineData("spelled")]
    public void A_report_that_reaches_the_input_another_way_is_the_input_too(string how)
    {
        var report = InFolder("leads.report.csv");
        switch (how)
        {
            case "symbolic":
                File.CreateSymbolicLink(report, _input);
                break;
            case "hard":
                HardLink(_input, report);
                break;
            default:
                Directory.CreateDirectory(InFolder("sub"));
                report = Path.Combine(_folder.Path, "sub", "..", "leads.csv");
                break;
        }

        Assert.Equal(
            $"--report {report} is the input itself (or a link to it); writing it would destroy the input",
            Refusal([("the input", _input)], [("--report", report)]));
    }

    [Fact]
    public void An_output_over_another_file_the_run_reads_names_that_file_and_its_option()
    {
        var resumed = _folder.Write("leads.report.csv", "source_row,outcome\n", new UTF8Encoding(true));
        var settings = _folder.Write("appsettings.json", "{}", new UTF8Encoding(false));
        (string, string)[] reads = [("the input", _input), ("--resume", resumed), ("--config", settings)];

        Assert.Equal(
            $"--report {resumed} is --resume {resumed} (or a link to it); writing it would destroy that file",
            Refusal(reads, [("--report", resumed)]));
        Assert.Equal(
            $"--summary-json {settings} is --config {settings} (or a link to it); writing it would destroy that file",
            Refusal(reads, [("--report", InFolder("new.report.csv")), ("--summary-json", settings)]));
    }

    [Fact]
    public void Two_outputs_at_one_path_are_refused_naming_both_as_given()
    {
        Directory.CreateDirectory(InFolder("sub"));
        var report = InFolder("out.csv");
        var sameReport = Path.Combine(_folder.Path, "sub", "..", "out.csv");

        Assert.Equal(
            $"--summary-json {sameReport} is the same file as --report {report}; give each its own",
            Refusal([("the input", _input)], [("--report", report), ("--summary-json", sameReport)]));
    }

    [Fact]
    public void A_workbook_reports_sidecar_is_one_of_the_outputs()
    {
        var report = InFolder("leads.report.xlsx");

        Assert.Equal([("--report", report), ("the report's sidecar", report + ".partial.csv"), ("--summary-json", "run.json")], OutputFiles.Of(report, "run.json"));
        Assert.Equal([("--report", "leads.report.csv")], OutputFiles.Of("leads.report.csv", null));
        Assert.Equal(
            $"--summary-json {report}.partial.csv is the same file as the report's sidecar {report}.partial.csv; give each its own",
            Refusal([("the input", _input)], OutputFiles.Of(report, report + ".partial.csv")));
    }

    [Fact]
    public void The_files_a_run_reads_are_the_input_the_resumed_report_and_its_sidecar_the_baseline_and_the_settings()
    {
        var request = new LinerBulkUpdater.Planning.RunOptions(_input, ReportPath: null, DryRun: false, ResumePath: "old.report.xlsx", BaselinePath: "export.csv", ConfigPath: "appsettings.json");

        Assert.Equal(
            [("the input", _input), ("--resume", "old.report.xlsx"), ("--resume", "old.report.xlsx.partial.csv"), ("--baseline", "export.csv"), ("--config", "appsettings.json")],
            OutputFiles.ReadBy(request));
        Assert.Equal([("the input", _input)], OutputFiles.ReadBy(new LinerBulkUpdater.Planning.RunOptions(_input, ReportPath: null, DryRun: true)));
    }

    [Fact]
    public void A_folder_in_the_files_place_is_refused()
    {
        var folder = Directory.CreateDirectory(InFolder("report.csv")).FullName;

        Assert.Equal($"--report {folder} is a folder; give a file name", Refusal([("the input", _input)], [("--report", folder)]));
    }

    [Fact]
    public void An_output_in_a_folder_that_does_not_exist_is_refused()
    {
        var report = Path.Combine(_folder.Path, "missing", "report.csv");

        Assert.Equal($"--report {report}: the folder does not exist", Refusal([("the input", _input)], [("--report", report)]));
    }

    [Fact]
    public void A_name_no_file_can_have_is_refused_as_such()
    {
        Assert.Equal("--summary-json run\0.json: not a valid file name", Refusal([("the input", _input)], [("--summary-json", "run\0.json")]));
    }

    [Fact]
    public void Checking_leaves_an_existing_output_and_its_folder_exactly_as_they_were()
    {
        var report = _folder.Write("leads.report.csv", "an earlier report", new UTF8Encoding(false));
        var written = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(report, written);
        var before = Directory.GetFileSystemEntries(_folder.Path).Order().ToList();

        OutputFiles.Check([("the input", _input)], [("--report", report), ("--summary-json", InFolder("run.json"))]);

        Assert.Equal("an earlier report", File.ReadAllText(report));
        Assert.Equal(written, File.GetLastWriteTimeUtc(report));
        // The probe that showed run.json can be made there is gone again, and run.json is not made.
        Assert.Equal(before, Directory.GetFileSystemEntries(_folder.Path).Order());
    }
}
