using System.Diagnostics;
using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary><c>--undo</c> (CONTRACT §6): the file a run leaves puts every lead back, whatever happened to the run.</summary>
public sealed class UndoTests : IAsyncLifetime
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 2 });

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Feeding_the_undo_file_back_restores_every_changed_field_the_clear_marker_and_formulas_included()
    {
        // Leads that hold nothing in a string field and in a v1-only field: their undo must clear what the run set.
        var noQuizLog = Enumerable.Range(60, 200).First(lead => _sandbox.CurrentLead(lead)!["quiz_log"] is null);
        var noCampaign = Enumerable.Range(60, 200).First(lead => lead != noQuizLog && _sandbox.CurrentLead(lead)!["campaign_id"] is null);

        // Liner took a phone that libphonenumber's metadata calls invalid: putting it back must not be refused.
        var rules = new LinerBulkUpdater.Leads.FieldRules(LinerBulkUpdater.Leads.FieldRulesOptions.Default);
        var oddPhone = Enumerable.Range(300, 5000).First(lead => rules.TryRead(LinerBulkUpdater.Leads.LeadFields.ClientPhone, (string)_sandbox.CurrentLead(lead)!["client_phone"]!, out _) is not null);

        // Leads typed their own names into a web form: Liner holds text that a spreadsheet would run.
        var setUp = _folder.Write("setup.csv", "lead_id,client_name,quiz_log\n51,=1+1,'@x\n52,+7 is a name,-5\n", Utf8);
        Assert.Equal(ExitCodes.Success, (await RunAsync(setUp)).ExitCode);
        long[] leads = [51, 52, noQuizLog, noCampaign, oddPhone];
        var originals = leads.ToDictionary(lead => lead, lead => _sandbox.CurrentLead(lead)!.ToDictionary());

        var input = _folder.Write(
            "change.csv",
            "lead_id,client_name,quiz_log,status,priority,campaign_id,external_id,client_phone\n" +
            "51,Анна,,5,,,\n" +
            $"52,\"Пётр, снова\",обычный текст,,9,,\n" +
            $"{noQuizLog},,\"новый\r\nлог\",6,,,\n" +
            $"{noCampaign},,,,,00777,#clear\n" +
            "51,Анна Петровна,,6,1,,\n" +
            $"{oddPhone},,,,3,,,+7 900 000-00-01\n",
            Utf8);
        var undo = Path.Combine(_folder.Path, "change.undo.csv");

        var result = await RunAsync(input, "--undo", undo);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Undo file", result.Out);
        var bytes = File.ReadAllBytes(undo);
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "UTF-8 with a BOM");
        var rows = CliRun.ReadReport(undo);
        string[] fields = ["client_name", "client_phone", "quiz_log", "campaign_id", "external_id", "status", "priority"];
        Assert.Equal(["lead_id", .. fields, .. fields.Select(field => $"set:{field}"), "undo_of", "undo_format"], rows[0].Keys);
        Assert.Equal($"'+{originals[oddPhone]["client_phone"]}", rows.Single(row => row["lead_id"] == $"{oddPhone}" && row["client_phone"].Length > 0)["client_phone"]);

        // Each (lead, field)'s value before once: lead 51's second row adds only the field its first row did not change,
        // and what it set again in the others.
        var cells = rows.SelectMany(row => row.Where(cell => fields.Contains(cell.Key) && cell.Value.Length > 0).Select(cell => (row["lead_id"], cell.Key))).ToList();
        Assert.Equal(cells.Distinct().Count(), cells.Count);
        var again = rows.Single(row => row["undo_of"] == "change.csv row 5");
        Assert.Equal(("", "Анна Петровна", "6", "1"), (again["client_name"], again["set:client_name"], again["set:status"], again["set:priority"]));
        Assert.NotEqual("", again["priority"]);
        Assert.Equal("'=1+1", rows.First(row => row["lead_id"] == "51")["client_name"]);
        Assert.Equal("#clear", rows.Single(row => row["lead_id"] == $"{noQuizLog}" && row["quiz_log"].Length > 0)["quiz_log"]);
        Assert.Equal("#clear", rows.Single(row => row["lead_id"] == $"{noCampaign}")["campaign_id"]);
        Assert.Equal("change.csv row 1", rows.First(row => row["lead_id"] == "51")["undo_of"]);
        Assert.NotEqual(originals[51]["client_name"], _sandbox.CurrentLead(51)!["client_name"]);

        var back = await RunAsync(undo);

        Assert.Equal(ExitCodes.Success, back.ExitCode);
        Assert.All(leads, lead => Assert.Equal(originals[lead], _sandbox.CurrentLead(lead)!.ToDictionary()));
    }

    [Fact]
    public async Task An_undo_file_is_never_written_over_and_a_resumed_run_writes_its_own()
    {
        var input = _folder.Write("leads.csv", "lead_id,priority\n1,7\n", Utf8);
        var undo = _folder.Write("mine.csv", "not an undo file", Utf8);

        var refused = await RunAsync(input, "--undo", undo);

        Assert.Equal(ExitCodes.Unusable, refused.ExitCode);
        Assert.Contains("already exists", refused.Error);
        Assert.Equal("not an undo file", File.ReadAllText(undo));
        Assert.Empty(_sandbox.Updates);

        var folder = Directory.CreateDirectory(Path.Combine(_folder.Path, "undo")).FullName;
        Assert.Equal(ExitCodes.Success, (await RunAsync(input, "--undo", folder)).ExitCode);
        var first = Assert.Single(Directory.GetFiles(folder));
        Assert.Matches(@"leads\.undo-\d{8}T\d{6}Z\.csv$", first);
    }

    [Fact]
    public async Task In_a_folder_run_undo_files_go_to_the_undo_folder_and_never_into_the_inbox()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "a.csv"), "lead_id,priority\n1,7\n");

        var refused = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", inbox + "/", "--undo", inbox);

        Assert.Equal(ExitCodes.Unusable, refused.ExitCode);
        Assert.Contains("the folder the run takes its inputs from", refused.Error);

        var undo = Path.Combine(_folder.Path, "undo");
        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", inbox + "/", "--undo", undo, "--rps", "0");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Matches(@"a\.undo-\d{8}T\d{6}Z\.csv$", Assert.Single(Directory.GetFiles(undo)));
        Assert.Empty(Directory.GetFiles(inbox, "*.undo-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task After_kill_9_every_update_that_reached_liner_has_its_undo_row()
    {
        await _sandbox.DisposeAsync();
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 20 });
        const int Leads = 300;
        var seeds = Enumerable.Range(1, Leads).ToDictionary(lead => (long)lead, lead => (long)_sandbox.CurrentLead(lead)!["status"]!);
        var input = _folder.WriteLeads(Leads);
        var undo = Path.Combine(_folder.Path, "killed.undo.csv");

        var program = Path.Combine(AppContext.BaseDirectory, "liner-bulk.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", program, "run", input, "--undo", undo, "--rps", "0", "--concurrency", "4"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["LINER_API_KEY"] = CliRun.ApiKey, ["Liner__BaseUrl"] = _sandbox.BaseUrl.ToString(), ["Log__Directory"] = Path.Combine(_folder.Path, "logs") },
        };
        using (var killed = Process.Start(start)!)
        {
            var clock = Stopwatch.StartNew();
            while (_sandbox.UpdateCount < 60 && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(5);
            }

            killed.Kill();
            await killed.WaitForExitAsync();
        }

        var reached = _sandbox.Updates.Select(update => update.LeadId!.Value).ToHashSet();
        Assert.InRange(reached.Count, 60, Leads - 1);
        var undone = CliRun.ReadReport(undo).ToDictionary(row => long.Parse(row["lead_id"]), row => long.Parse(row["status"]));
        Assert.All(reached.Where(lead => seeds[lead] != 3), lead => Assert.Equal(seeds[lead], undone[lead]));

        var back = await RunAsync(undo);

        Assert.Equal(ExitCodes.Success, back.ExitCode);
        Assert.All(seeds, seed => Assert.Equal(seed.Value, (long)_sandbox.CurrentLead(seed.Key)!["status"]!));
    }

    [Fact]
    public async Task A_lead_whose_before_values_cannot_be_read_or_put_back_is_not_sent_and_its_undo_row_not_written()
    {
        static StubAnswer Detail(string data) => StubAnswer.Json(200, $$"""{"success":true,"message":"","data":{{data}}}""");
        await using var liner = await StubLiner.StartAsync(
            (_, _) => StubAnswer.Updated,
            (_, lead) => lead switch
            {
                1 => Detail("""{"id":1,"phone":"+79001234567"}"""),
                2 => Detail("null"),
                3 => StubAnswer.Json(200, """{"success":true,"message":""}"""),
                4 => Detail("""{"id":4,"name":"#clear","phone":"+79001234567"}"""),
                5 => Detail("""{"id":5,"name":"Old","phone":"+12025550100","vkId":"0"}"""),
                _ => Detail("""{"id":6,"name":"Old","phone":"+12025550100","vkId":"7"}"""),
            });
        var input = _folder.Write("odd.csv", "lead_id,client_name,client_phone,vkId\n1,New,,\n2,New,,\n3,New,,\n4,New,,\n5,,+7 900 000-00-01,9\n6,New,+7 900 000-00-01,9\n", Utf8);
        var undo = Path.Combine(_folder.Path, "odd.undo.csv");
        var report = Path.Combine(_folder.Path, "odd.report.csv");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(liner.BaseUrl), "run", input, "--undo", undo, "--report", report, "--rps", "0");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        var rows = CliRun.ReadReport(report).ToDictionary(row => row["lead_id"]);
        Assert.All(["1", "2", "3"], lead => Assert.Equal(("failed", "Liner's answer for the lead shows no value for client_name; not sent"), (rows[lead]["outcome"], rows[lead]["error"])));
        Assert.Equal("Liner holds '#clear' in client_name, which an undo file could not put back (it would read back as '(empty)'); not sent", rows["4"]["error"]);
        Assert.Equal("Liner holds '0' in vkId, which an undo file could not put back (it must be greater than 0); not sent", rows["5"]["error"]);
        Assert.Equal("updated", rows["6"]["outcome"]);
        Assert.Equal([6L], liner.Updates.Select(update => update.Lead));

        // The phone goes back with its +, so the undo reads it as the same number whatever the default region.
        var undone = Assert.Single(CliRun.ReadReport(undo));
        Assert.Equal(("6", "Old", "'+12025550100", "7"), (undone["lead_id"], undone["client_name"], undone["client_phone"], undone["vkId"]));
    }

    private Task<CliResult> RunAsync(string input, params string[] options) =>
        CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), ["run", input, "--report", Path.Combine(_folder.Path, $"{Path.GetFileName(input)}.{Guid.NewGuid():N}.report.csv"), "--rps", "0", .. options]);
}
