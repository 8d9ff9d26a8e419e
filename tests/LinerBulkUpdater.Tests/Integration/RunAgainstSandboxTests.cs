using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>The whole CLI path against the embedded sandbox over real HTTP on loopback.</summary>
public sealed class RunAgainstSandboxTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    static RunAgainstSandboxTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions());

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    // The same leads, once as a UTF-8 export with a BOM and once as Excel on a Russian Windows saves
    // CSV (windows-1251, ';'): quoted newlines, a duplicate lead, blank and bad rows.
    private const string Leads =
        "lead_id{0}client_name{0}client_phone{0}status{0}quiz_log{0}campaign_id{0}telegramUserName\r\n" +
        "101{0}Иванов Пётр{0}8 (900) 123-45-67{0}2{0}\"Перезвонить\r\nпосле 18:00\"{0}00123{0}@ivan\r\n" +
        "102{0}{0}+7 900 765-43-21{0}{0}{0}{0}\r\n" +
        "{0}{0}{0}{0}{0}{0}\r\n" +
        "103{0}Ёлкина Анна{0}12{0}abc{0}{0}{0}\r\n" +
        "101{0}{0}{0}3{0}\"он сказал \"\"да\"\"\"{0}{0}\r\n" +
        "104{0}#clear{0}{0}#clear{0}{0}{0}\r\n" +
        "105{0}{0}{0}{0}{0}{0}\r\n";

    private static readonly string[] ExpectedBodies =
    [
        "101 {\"client_name\":\"Иванов Пётр\",\"client_phone\":\"79001234567\",\"quiz_log\":\"Перезвонить\\r\\nпосле 18:00\",\"campaign_id\":\"00123\",\"status\":2,\"telegramUserName\":\"ivan\"}",
        "102 {\"client_phone\":\"79007654321\"}",
        "101 {\"quiz_log\":\"он сказал \\\"да\\\"\",\"status\":3}",
        "104 {\"client_name\":\"\",\"status\":null}",
    ];

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("windows-1251")]
    public async Task A_csv_becomes_exactly_the_expected_sparse_bodies(string flavour)
    {
        var input = flavour == "utf-8-bom"
            ? _folder.Write("leads.csv", string.Format(Leads, ","), new UTF8Encoding(true), byteOrderMark: true)
            : _folder.Write("leads.csv", string.Format(Leads, ";"), Encoding.GetEncoding(1251));
        var report = Path.Combine(_folder.Path, "report.csv");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--report", report, "--rps", "0");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        var bodies = _sandbox.Updates.Select(update => $"{update.LeadId} {Encoding.UTF8.GetString(update.Body)}").ToList();
        Assert.Equal(ExpectedBodies.OrderBy(body => body, StringComparer.Ordinal), bodies.OrderBy(body => body, StringComparer.Ordinal));
        Assert.Equal(ExpectedBodies.Where(body => body.StartsWith("101 ")), bodies.Where(body => body.StartsWith("101 ")));
        Assert.All(_sandbox.Updates, update =>
        {
            Assert.Equal(CliRun.ApiKey, update.ApiKey);
            Assert.Equal("application/json", update.ContentType);
            Assert.Equal($"/v1/lead/update/{update.LeadId}/", update.Path);
        });

        var rows = CliRun.ReadReport(report, flavour == "utf-8-bom" ? ',' : ';');
        Assert.Equal(
            ["1 updated", "2 updated", "4 invalid", "5 updated", "6 updated", "7 skipped"],
            rows.Select(row => $"{row["source_row"]} {row["outcome"]}").OrderBy(text => text));
        var invalid = rows.Single(row => row["outcome"] == "invalid");
        Assert.Equal("column 'client_phone': '12' is not a phone number (region RU); column 'status': 'abc' matches no status; did you mean 'Спам'?", invalid["error"]);
        Assert.Single(_sandbox.StatusListReads);
        Assert.Equal("Ёлкина Анна", invalid["client_name"]);
        Assert.Equal("Перезвонить\r\nпосле 18:00", rows.Single(row => row["source_row"] == "1")["quiz_log"]);
        Assert.All(rows.Where(row => row["outcome"] == "updated"), row => Assert.Equal(("200", "1"), (row["http_status"], row["attempts"])));
    }

    [Fact]
    public async Task Duplicate_lead_ids_reach_the_api_in_file_order_without_serialising_other_leads()
    {
        await _sandbox.DisposeAsync();
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 5 });
        var lines = new StringBuilder("lead_id,priority\n");
        for (var i = 1; i <= 300; i++)
        {
            lines.Append(CultureInvariant($"{1 + (i % 3)},{i}\n"));
        }

        var input = _folder.Write("dupes.csv", lines.ToString(), new UTF8Encoding(false));
        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--rps", "0", "--concurrency", "16");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        foreach (var lead in new long[] { 1, 2, 3 })
        {
            var priorities = _sandbox.Updates.Where(update => update.LeadId == lead)
                .Select(update => int.Parse(Encoding.UTF8.GetString(update.Body)["{\"priority\":".Length..^1])).ToList();
            Assert.Equal(100, priorities.Count);
            Assert.Equal(priorities.Order(), priorities);
            Assert.Equal(lead == 1 ? 300 : lead == 2 ? 298 : 299, (long)_sandbox.Lead(lead)!["priority"]!);
        }
    }

    [Fact]
    public async Task Dry_run_sends_nothing_and_reports_every_row()
    {
        var input = _folder.Write("leads.csv", string.Format(Leads, ","), new UTF8Encoding(false));
        var report = Path.Combine(_folder.Path, "dry.csv");

        // 'abc' in the status column may be a status's code or title: the dry run reads Liner's status list, and writes nothing.
        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--dry-run", "--report", report);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.Empty(_sandbox.Updates);
        Assert.All(_sandbox.Received, request => Assert.Equal("GET", request.Method));
        Assert.Equal(
            ["1 dry_run", "2 dry_run", "4 invalid", "5 dry_run", "6 dry_run", "7 skipped"],
            CliRun.ReadReport(report).Select(row => $"{row["source_row"]} {row["outcome"]}").OrderBy(text => text));
    }

    [Fact]
    public async Task A_mistyped_column_stops_the_run_with_one_line_and_exit_2()
    {
        var input = _folder.Write("leads.csv", "lead_id,staus\n1,2\n", new UTF8Encoding(false));

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal("liner-bulk: leads.csv: column 'staus' matches no field; did you mean 'status'? (or add an alias under Mapping:Columns)" + Environment.NewLine, result.Error);
        // Read, to see whether it is a custom field's title; nothing sent.
        Assert.Equal([SandboxRoute.Health, SandboxRoute.CustomFieldList], _sandbox.Received.Select(request => request.Route));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.report-*"));
    }

    [Fact]
    public async Task A_missing_file_stops_the_run_with_one_line_and_exit_2()
    {
        var missing = Path.Combine(_folder.Path, "nope.csv");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", missing);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        var line = Assert.Single(result.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("nope.csv", line);
        Assert.Contains("not found", line);
        Assert.DoesNotContain("   at ", result.Everything);
        Assert.Empty(_sandbox.Received);
    }

    [Fact]
    public async Task A_quote_left_open_stops_the_run_before_anything_is_sent()
    {
        var input = _folder.Write("leads.csv", "lead_id,client_name\n1,ok\n2,\"never closed\n3,x\n4,y\n", new UTF8Encoding(false));

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Contains("line 3", result.Error);
        Assert.Empty(_sandbox.Received);
    }

    [Fact]
    public async Task A_refused_key_fails_the_preflight_with_exit_2_and_nothing_sent()
    {
        await _sandbox.DisposeAsync();
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { ApiKey = "the-right-key" });
        var input = _folder.Write("leads.csv", "lead_id,status\n1,2\n", new UTF8Encoding(false));

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal("liner-bulk: the Liner API refused the API key (HTTP 401): check LINER_API_KEY" + Environment.NewLine, result.Error);
        Assert.Empty(_sandbox.Updates);
        Assert.Single(_sandbox.Received);
    }

    [Fact]
    public async Task A_wrong_base_url_fails_fast_with_exit_2()
    {
        var input = _folder.Write("leads.csv", "lead_id,status\n1,2\n", new UTF8Encoding(false));
        var environment = CliRun.Against(new Uri(_sandbox.BaseUrl, "/not-liner"));

        var result = await CliRun.RunAsync(_folder, environment, "run", input);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Contains("answered 404: is Liner:BaseUrl the Liner API?", result.Error);
        Assert.Empty(_sandbox.Updates);
    }

    [Fact]
    public async Task A_refusal_in_the_envelope_or_a_missing_lead_fails_the_row_with_the_servers_message()
    {
        await _sandbox.DisposeAsync();
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { MissingLeads = [7] });
        var input = _folder.Write("leads.csv", "lead_id,status\n7,2\n8,3\n", new UTF8Encoding(false));
        var report = Path.Combine(_folder.Path, "report.csv");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--report", report);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        var failed = CliRun.ReadReport(report).Single(row => row["lead_id"] == "7");
        Assert.Equal(("failed", "404", "1"), (failed["outcome"], failed["http_status"], failed["attempts"]));
        Assert.NotEqual("", failed["error"]);
    }

    [Fact]
    public async Task The_api_key_appears_in_no_console_line_log_or_report()
    {
        var input = _folder.Write("leads.csv", string.Format(Leads, ","), new UTF8Encoding(false));
        var report = Path.Combine(_folder.Path, "report.csv");

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--report", report);

        Assert.NotEmpty(_sandbox.Updates);
        Assert.NotEmpty(result.LogText);
        Assert.DoesNotContain(CliRun.ApiKey, result.Everything);
        Assert.DoesNotContain(CliRun.ApiKey, result.LogText);
        Assert.DoesNotContain(CliRun.ApiKey, File.ReadAllText(report));
    }

    [Fact]
    public async Task The_summary_line_counts_outcomes()
    {
        var input = _folder.Write("leads.csv", string.Format(Leads, ","), new UTF8Encoding(false));

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--rps", "0");

        Assert.Matches(@"Done in \d+\.\d s: 4 updated, 1 invalid, 1 skipped; \d+\.\d rows sent/s\. Report: .*leads\.report-\d{8}T\d{6}Z\.csv", result.Out);
    }

    [Fact]
    public async Task A_report_fed_back_as_input_sends_the_same_updates()
    {
        var input = _folder.Write("leads.csv", string.Format(Leads, ","), new UTF8Encoding(false));
        var first = Path.Combine(_folder.Path, "first.csv");
        await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", input, "--report", first, "--rps", "0");
        var firstBodies = _sandbox.Updates.Select(update => $"{update.LeadId} {Encoding.UTF8.GetString(update.Body)}").Order().ToList();

        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "run", first, "--rps", "0");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        var secondBodies = _sandbox.Updates.Skip(firstBodies.Count).Select(update => $"{update.LeadId} {Encoding.UTF8.GetString(update.Body)}").Order().ToList();
        Assert.Equal(firstBodies, secondBodies);
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
