using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>Custom fields (CONTRACT §7) against the sandbox's list (<see cref="SandboxCustomFields"/>): mapped by title or id, typed, sent by v2.</summary>
public sealed class CustomFieldTests : IAsyncLifetime
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() =>
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 1, Ignores = { ["9"] = ["custom:102"] } });

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Columns_titled_like_custom_fields_send_typed_custom_values_by_v2_after_the_v1_update()
    {
        var input = _folder.Write("leads.csv",
            "lead_id,status,тариф ,Сумма долга,custom:104,Дата договора,Время визита,Согласие на рассылку,Интересы,Номер договора\n" +
            "1,3,Профи,\"1 234,50\",3,01.12.2026,2026-12-01T10:00:00+03:00,да,card; Кредит,\"Д-1, \"\"А\"\"\"\n" +
            "2,,vip,#clear,,,,0,,\n",
            Utf8);

        var result = await RunAsync(input);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var lead1 = _sandbox.Received.Where(request => request.LeadId == 1).ToList();
        Assert.Equal([SandboxRoute.Update, SandboxRoute.UpdateV2], lead1.Select(request => request.Route));
        Assert.Equal("""{"status":3}""", Encoding.UTF8.GetString(lead1[0].Body));
        Assert.Equal(
            """{"customValues":{"102":"pro","103":1234.5,"104":3,"105":"2026-12-01","106":"2026-12-01T07:00:00Z","107":true,"108":["credit","card"],"101":"Д-1, \"А\""}}""",
            Encoding.UTF8.GetString(lead1[1].Body));

        // A row with only custom values sends only the v2 update; the clear marker clears.
        var lead2 = _sandbox.Received.Where(request => request.LeadId == 2).ToList();
        Assert.Equal([SandboxRoute.UpdateV2], lead2.Select(request => request.Route));
        Assert.Equal("""{"customValues":{"102":"vip","103":null,"107":false}}""", Encoding.UTF8.GetString(lead2[0].Body));
        Assert.All(CliRun.ReadReport(ReportOf(input)), row => Assert.Equal("updated", row["outcome"]));
    }

    [Fact]
    public async Task A_value_that_does_not_fit_its_type_makes_the_row_invalid_and_nothing_of_it_is_sent()
    {
        var input = _folder.Write("leads.csv",
            "lead_id,status,Тариф,Сумма долга,Интересы,Дата договора,Согласие на рассылку\n" +
            "1,3,Премиум,,,,\n2,3,,\"1,234.5\",,,\n3,3,,,credit;zzz,,\n4,3,,,,2026-12-01T10:00:00,\n5,3,,,,,может быть\n6,3,basic,,,,\n",
            Utf8);

        var result = await RunAsync(input);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.Equal([6L, 6L], _sandbox.Received.Where(request => request.Route is SandboxRoute.Update or SandboxRoute.UpdateV2).Select(request => request.LeadId!.Value));
        var errors = CliRun.ReadReport(ReportOf(input)).ToDictionary(row => row["lead_id"], row => (row["outcome"], row["error"]));
        Assert.Equal(("invalid", "column 'Тариф': 'Премиум' is not an option of 'Тариф' (Базовый (basic), Профи (pro), VIP (vip))"), errors["1"]);
        Assert.Equal(("invalid", "column 'Сумма долга': '1,234.5' has both , and . and is ambiguous: write one decimal separator, no thousands separator but spaces"), errors["2"]);
        Assert.Equal(("invalid", "column 'Интересы': 'credit;zzz' has 'zzz', which is not an option of 'Интересы' (Кредит (credit), Вклад (deposit), Карта (card), Страховка (insurance))"), errors["3"]);
        Assert.Equal(("invalid", "column 'Дата договора': '2026-12-01T10:00:00' has a time of day, and the field holds a date"), errors["4"]);
        Assert.StartsWith("column 'Согласие на рассылку': 'может быть' is not yes or no", errors["5"].Item2);
        Assert.Equal("updated", errors["6"].Item1);
    }

    [Theory]
    [InlineData("Номер заказа", "leads.csv: column 'Номер заказа': 'Номер заказа' is a custom field of orders (id 201), not of leads: this tool sets leads")]
    [InlineData("custom:201", "leads.csv: column 'custom:201': custom field 201 ('Номер заказа') is a field of orders, not of leads")]
    [InlineData("custom:999", "leads.csv: column 'custom:999': Liner has no custom field with id 999 (liner-bulk fields lists them)")]
    [InlineData("Тарифф", "leads.csv: column 'Тарифф' matches no field; did you mean 'Тариф'? (or add an alias under Mapping:Columns)")]
    public async Task A_column_of_an_orders_field_or_of_no_field_stops_the_run_before_anything_is_sent(string column, string message)
    {
        var input = _folder.Write("leads.csv", $"lead_id,status,{column}\n1,3,x\n", Utf8);

        var result = await RunAsync(input);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal($"liner-bulk: {message}{Environment.NewLine}", result.Error);
        Assert.DoesNotContain(_sandbox.Received, request => request.Route is SandboxRoute.Update or SandboxRoute.UpdateV2);
    }

    [Fact]
    public async Task A_dry_run_without_a_key_says_the_custom_fields_could_not_be_looked_up()
    {
        var input = _folder.Write("leads.csv", "lead_id,Тариф\n1,pro\n", Utf8);

        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?> { ["LINER_API_KEY"] = null }, "run", input, "--dry-run");

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Contains("column 'Тариф' matches no field;", result.Error);
        Assert.Contains("custom fields are looked up in Liner, which needs the key and base URL", result.Error);
    }

    [Fact]
    public async Task Live_diff_undo_and_verify_cover_custom_values()
    {
        var before = _sandbox.CurrentLead(3)!;
        var other = (string)_sandbox.CurrentLead(9)!["custom:102"]! == "\"pro\"" ? "vip" : "pro";
        var input = _folder.Write("leads.csv", $"lead_id,priority,Тариф,Сумма долга,Интересы\n3,5,vip,\"10 000\",Вклад;Кредит\n9,,{other},,\n", Utf8);
        var undo = Path.Combine(_folder.Path, "leads.undo.csv");

        var result = await RunAsync(input, "--live-diff", "--undo", undo, "--verify");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        var rows = CliRun.ReadReport(ReportOf(input)).ToDictionary(row => row["lead_id"]);
        Assert.Equal("updated", rows["3"]["outcome"]);
        Assert.Contains("Сумма долга: (empty) → 10000; Интересы: (empty) → credit;deposit", rows["3"]["changes"]);
        Assert.Equal("10000", _sandbox.CurrentLead(3)!["custom:103"]);
        // Lead 9's Liner keeps its tariff whatever is sent: --verify says so.
        Assert.Equal("failed", rows["9"]["outcome"]);
        Assert.StartsWith($"Liner accepted the update but did not keep it: Тариф: sent {other}, Liner holds ", rows["9"]["error"]);

        var undoRows = CliRun.ReadReport(undo);
        Assert.Equal(["lead_id", "priority", "custom:102", "custom:103", "custom:108", "set:priority", "set:custom:102", "set:custom:103", "set:custom:108", "undo_of", "undo_format"], undoRows[0].Keys);
        Assert.Equal("#clear", undoRows.Single(row => row["lead_id"] == "3")["custom:103"]);

        var back = await RunAsync(undo, "--verify");

        Assert.Equal(ExitCodes.Success, back.ExitCode);
        Assert.Equal(before.Where(pair => pair.Value is not null), _sandbox.CurrentLead(3)!.Where(pair => pair.Value is not null));
        var again = await RunAsync(undo, "--dry-run", "--live-diff");
        Assert.All(CliRun.ReadReport(ReportOf(undo)).Where(row => row["lead_id"] == "3"), row => Assert.Equal("unchanged", row["outcome"]));
        Assert.Equal(ExitCodes.Success, again.ExitCode);
    }

    [Fact]
    public async Task A_row_is_updated_only_when_both_updates_landed_and_a_failed_second_says_what_was_applied()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Script = new() { ["5"] = ["200", "422"] } });
        var input = _folder.Write("leads.csv", "lead_id,status,Тариф\n5,3,vip\n6,3,vip\n", Utf8);

        var result = await CliRun.RunAsync(_folder, CliRun.Against(sandbox.BaseUrl), "run", input);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        var rows = CliRun.ReadReport(ReportOf(input)).ToDictionary(row => row["lead_id"]);
        Assert.Equal("failed", rows["5"]["outcome"]);
        Assert.Equal("status applied by the v1 update (HTTP 200); the custom values (Тариф) failed: HTTP 422: sandbox: scripted 422", rows["5"]["error"]);
        Assert.Equal(3L, sandbox.CurrentLead(5)!["status"]);
        Assert.Equal("updated", rows["6"]["outcome"]);
        Assert.Equal("2", rows["6"]["attempts"]);
    }

    [Fact]
    public async Task Two_custom_fields_of_leads_with_one_title_are_refused_naming_both_and_custom_id_picks_one()
    {
        await using var liner = await StubLiner.StartAsync((_, _) => StubAnswer.Updated, customFields: """
            [{"id":7,"title":"Тариф","type":"string","essence":"leads","params":[],"sort":1},
             {"id":9,"title":" тариф ","type":"int","essence":"leads","params":[],"sort":2},
             {"id":11,"title":"Тариф","type":"string","essence":"orders","params":[],"sort":3}]
            """);
        var shared = _folder.Write("shared.csv", "lead_id,Тариф\n1,x\n", Utf8);
        var byId = _folder.Write("by-id.csv", "lead_id,custom:9\n1,12\n", Utf8);

        var refused = await CliRun.RunAsync(_folder, CliRun.Against(liner.BaseUrl), "run", shared);
        var picked = await CliRun.RunAsync(_folder, CliRun.Against(liner.BaseUrl), "run", byId, "--dry-run");

        Assert.Equal(ExitCodes.Unusable, refused.ExitCode);
        Assert.Equal("liner-bulk: shared.csv: column 'Тариф': 2 custom fields of leads are titled 'Тариф' (ids 7, 9); name the column custom:<id>" + Environment.NewLine, refused.Error);
        Assert.Empty(liner.Updates);
        Assert.Equal(ExitCodes.Success, picked.ExitCode);
        Assert.Equal("dry_run", CliRun.ReadReport(ReportOf(byId)).Single()["outcome"]);
    }

    [Fact]
    public async Task Workbook_cells_TRUE_FALSE_dates_and_numbers_fit_bool_date_and_float_fields()
    {
        var path = Path.Combine(_folder.Path, "leads.xlsx");
        using (var workbook = new ClosedXML.Excel.XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Leads");
            string[] header = ["lead_id", "Согласие на рассылку", "Дата договора", "Сумма долга", "Время визита"];
            for (var i = 0; i < header.Length; i++)
            {
                sheet.Cell(1, i + 1).Value = header[i];
            }

            sheet.Cell(2, 1).Value = 4;
            sheet.Cell(2, 2).Value = true;
            sheet.Cell(2, 3).Value = new DateTime(2026, 12, 1);
            sheet.Cell(2, 4).Value = 1234.5;
            sheet.Cell(2, 5).Value = new DateTime(2026, 12, 1, 10, 30, 0);
            workbook.SaveAs(path);
        }

        var result = await RunAsync(path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var sent = _sandbox.Received.Single(request => request.LeadId == 4 && request.Route == SandboxRoute.UpdateV2);
        Assert.Equal("""{"customValues":{"107":true,"105":"2026-12-01","103":1234.5,"106":"2026-12-01T10:30:00Z"}}""", Encoding.UTF8.GetString(sent.Body));
    }

    [Fact]
    public async Task Check_counts_the_custom_fields_maps_custom_columns_and_refuses_an_orders_column()
    {
        var good = _folder.Write("good.csv", "lead_id,Тариф,custom:104\n1,pro,3\n", Utf8);
        var orders = _folder.Write("orders.csv", "lead_id,Номер заказа\n1,x\n", Utf8);

        var passed = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "check", good);
        var refused = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "check", orders);

        Assert.Equal(ExitCodes.Success, passed.ExitCode);
        Assert.Contains("custom fields  8 of leads readable", passed.Out);
        Assert.Contains("columns        lead_id, Тариф, custom:104 → Число просрочек", passed.Out);
        Assert.Equal(ExitCodes.Unusable, refused.ExitCode);
        Assert.Contains("is a custom field of orders (id 201), not of leads", refused.Error);
        Assert.DoesNotContain(_sandbox.Received, request => request.Route is SandboxRoute.Update or SandboxRoute.UpdateV2);
    }

    [Fact]
    public async Task The_fields_command_lists_the_custom_fields_of_leads_only()
    {
        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "fields");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("102  Тариф                 select       Базовый = basic, Профи = pro, VIP = vip", result.Out);
        Assert.DoesNotContain("Номер заказа", result.Out);
    }

    [Fact]
    public async Task A_template_gets_the_custom_fields_of_leads_as_columns_when_a_key_is_set()
    {
        var path = Path.Combine(_folder.Path, "template.csv");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "template", path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.EndsWith(",instagramLogin,externalIdBitrix24,externalIdAmo,externalIdMacro,externalIdDomoplaner,Номер договора,Тариф,Сумма долга,Число просрочек,Дата договора,Время визита,Согласие на рассылку,Интересы\r\n", File.ReadAllText(path));
    }

    private Task<CliResult> RunAsync(string input, params string[] more) =>
        CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), ["run", input, .. more]);

    private string ReportOf(string input) =>
        Directory.GetFiles(_folder.Path, Path.GetFileNameWithoutExtension(input) + ".report-*").OrderBy(File.GetLastWriteTimeUtc).Last();
}
