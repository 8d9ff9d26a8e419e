using LinerBulkUpdater.Ui;

namespace LinerBulkUpdater.Tests.Ui;

public sealed class UiPartsTests
{
    [Theory]
    [InlineData("leads.csv", "leads.csv")]
    [InlineData("../../etc/cron.d/x.csv", "x.csv")]
    [InlineData(@"C:\Users\me\Лиды май.xlsx", "Лиды май.xlsx")]
    [InlineData("a;b|c$(rm).csv", "a_b_c__rm_.csv")]
    [InlineData(".hidden.csv", "hidden.csv")]
    public void An_uploaded_files_name_is_made_safe_and_never_a_path(string given, string kept) => Assert.Equal(kept, RunsFolder.SafeName(given));

    [Fact]
    public void A_runs_files_are_found_by_exact_name_only_inside_its_folder()
    {
        using var folder = new TempFolder();
        var runs = new RunsFolder(folder.Path, TimeProvider.System);
        var (id, input) = runs.Create("leads.csv", "input", null);
        File.WriteAllText(input, "lead_id\n1\n");

        Assert.Equal(input, runs.FileOf(id, "leads.csv"));
        Assert.Null(runs.FileOf(id, "run.json"));
        Assert.Null(runs.FileOf(id, "../" + id + "/leads.csv"));
        Assert.Null(runs.FolderOf(".."));
        Assert.Null(runs.FolderOf("20261201T000000Z-abcdef"));
        Assert.Equal(["leads.csv"], runs.Files(id));
        Assert.Equal(("leads.csv", "input", (string?)null), runs.Meta(id));
    }

    [Fact]
    public void A_reports_changes_are_read_as_field_before_and_after_a_value_with_a_semicolon_kept_whole_and_the_first_arrow_splitting()
    {
        Assert.Equal(
            [("status", "2", "3"), ("quiz_log", "(empty)", "звонить; не раньше 18:00"), ("client_name", "А", "Б → В")],
            PreviewFacts.Changes("status: 2 → 3; quiz_log: (empty) → звонить; не раньше 18:00; client_name: А → Б → В"));
    }
}
