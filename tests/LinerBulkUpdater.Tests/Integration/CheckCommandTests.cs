using System.Net;
using System.Net.Sockets;
using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary><c>liner-bulk check</c>: what a run would meet, against the sandbox over HTTP; it writes nothing and sends no update.</summary>
public sealed class CheckCommandTests : IAsyncLifetime
{
    private const string AcceptedKey = "the-one-key-the-sandbox-takes";
    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions { ApiKey = AcceptedKey });

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    private Dictionary<string, string?> WithKey(string key) => new(CliRun.Against(_sandbox.BaseUrl)) { ["LINER_API_KEY"] = key };

    [Fact]
    public async Task A_good_key_and_file_pass_with_every_step_named_and_nothing_written_or_sent()
    {
        _folder.Write("appsettings.json", """{ "Mapping": { "Columns": { "Телефон": "client_phone" } } }""", new UTF8Encoding(false));
        var input = _folder.Write("leads.csv", "lead_id;Телефон;status\n1;8 (900) 123-45-67;3\n2;12;3\n3;;\n", new UTF8Encoding(false));
        var before = Directory.GetFileSystemEntries(_folder.Path);

        var result = await CliRun.RunAsync(_folder, WithKey(AcceptedKey), "check", input);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Equal("", result.Error);
        var lines = result.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["settings", "base URL", "API key", "statuses", "custom fields", "pace", "report", "logs", "input", "columns", "run", "requests", "", "", "dry run", "row", "A run"],
            lines.Select(line => line.StartsWith("               row ", StringComparison.Ordinal) ? "row" : line.StartsWith("A run", StringComparison.Ordinal) ? "A run" : line[..15].Trim()));
        Assert.Contains("run            update", lines);
        Assert.Contains("requests       GET /v1/health/check/: once, before the first row: the URL and the key", lines);
        Assert.Contains("               POST /v1/lead/update/{lead_id}/: each row with a field to change", lines);
        Assert.Contains($"base URL       {_sandbox.BaseUrl}: reachable", lines);
        Assert.Contains("API key        accepted (health check)", lines);
        Assert.Contains($"statuses       {SandboxStatuses.All.Count} readable", lines);
        Assert.Contains("pace           at most 10 requests/s, 8 in flight, 5 attempts a request", lines);
        Assert.Contains($"input          {input}: utf-8, delimiter ';', 3 data rows", lines);
        Assert.Contains("columns        lead_id, Телефон → client_phone, status", lines);
        Assert.Contains("dry run        1 to send, 1 invalid, 1 skipped", lines);
        Assert.StartsWith("               row 2 (line 3): column 'Телефон' (client_phone): '12'", lines[^2]);
        Assert.Equal("A run would start; some rows are invalid, so it would end with exit code 1 (the report lists them).", lines[^1]);
        Assert.Equal(before, Directory.GetFileSystemEntries(_folder.Path));
        Assert.Empty(_sandbox.Updates);
    }

    [Fact]
    public async Task Without_a_file_it_checks_settings_liner_and_outputs_and_passes()
    {
        var result = await CliRun.RunAsync(_folder, WithKey(AcceptedKey), "check", "--rps", "3", "--concurrency", "2");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Contains("pace           at most 3 requests/s, 2 in flight, 5 attempts a request", result.Out);
        Assert.EndsWith("A run would start." + Environment.NewLine, result.Out);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_in_one_line_naming_the_key()
    {
        var result = await CliRun.RunAsync(_folder, WithKey("not-the-key"), "check");

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal("liner-bulk: check: a run would be refused: the Liner API refused the API key (HTTP 401): check LINER_API_KEY" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task A_url_nothing_listens_on_is_refused_in_one_line_naming_the_url()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();

        var result = await CliRun.RunAsync(_folder, WithKey(AcceptedKey), "check", "--base-url", closed);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.StartsWith($"liner-bulk: check: a run would be refused: cannot reach the Liner API at {closed}: ", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_report_folder_that_cannot_be_made_is_refused_naming_the_report()
    {
        // As root a chmod 555 folder is still writable, so the report's folder sits under a regular file.
        var input = _folder.Write("leads.csv", "lead_id,status\n1,3\n", new UTF8Encoding(false));
        var report = Path.Combine(_folder.Write("a-file", []), "reports", "leads.report.csv");

        var result = await CliRun.RunAsync(_folder, WithKey(AcceptedKey), "check", input, "--report", report);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal($"liner-bulk: check: a run would be refused: --report {report}: the folder does not exist" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task A_log_folder_that_cannot_be_made_is_said_but_does_not_refuse()
    {
        // CliRun points Log:Directory at <folder>/logs: here that is a regular file.
        var logs = _folder.Write("logs", []);

        var result = await CliRun.RunAsync(_folder, WithKey(AcceptedKey), "check");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Contains($"logs           {logs}: NOT writable ({logs} is a file, not a folder); a run would start, but leave no log file (setting Log:Directory)", result.Out);
    }

    [Theory]
    [InlineData("--rps", "-1", "settings: Sending:Rps: The field Rps must be between 0 and 100000.")]
    [InlineData("--concurrency", "0", "settings: Sending:Concurrency: The field Concurrency must be between 1 and 1024.")]
    public async Task A_bad_option_value_is_refused_naming_the_setting(string option, string value, string reason)
    {
        var result = await CliRun.RunAsync(_folder, WithKey(AcceptedKey), "check", option, value);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal($"liner-bulk: check: a run would be refused: {reason}" + Environment.NewLine, result.Error);
        Assert.Empty(_sandbox.Received);
    }

    [Fact]
    public async Task A_bad_value_in_appsettings_json_is_refused_naming_the_setting()
    {
        _folder.Write("appsettings.json", """{ "Phone": { "DefaultRegion": "XX" } }""", new UTF8Encoding(false));

        var result = await CliRun.RunAsync(_folder, WithKey(AcceptedKey), "check");

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal("liner-bulk: check: a run would be refused: settings: Phone:DefaultRegion 'XX' is not a region code such as RU, KZ or BY" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task A_file_a_run_would_refuse_is_refused_naming_the_column()
    {
        var input = _folder.Write("leads.csv", "lead_id,staus\n1,3\n", new UTF8Encoding(false));

        var result = await CliRun.RunAsync(_folder, WithKey(AcceptedKey), "check", input);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.StartsWith("liner-bulk: check: a run would be refused: ", result.Error);
        Assert.Contains("'staus'", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task At_most_five_problems_are_shown()
    {
        var rows = string.Concat(Enumerable.Range(1, 9).Select(lead => $"{lead},0\n"));
        var input = _folder.Write("leads.csv", "lead_id,vkId\n" + rows, new UTF8Encoding(false));

        var result = await CliRun.RunAsync(_folder, WithKey(AcceptedKey), "check", input);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Contains("dry run        9 invalid", result.Out);
        Assert.Equal(5, result.Out.Split(Environment.NewLine).Count(line => line.StartsWith("               row ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_sandbox_option_checks_against_the_embedded_stand_in()
    {
        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "check", "--sandbox");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Contains("the key from the settings, or the sandbox's", result.Out);
    }

    [Fact]
    public async Task A_folder_is_checked_file_by_file_and_a_file_a_run_would_refuse_is_named_but_does_not_refuse_the_folder()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "a.csv"), "lead_id,status\n1,3\n");
        File.WriteAllText(Path.Combine(inbox, "b.csv"), "lead_id,staus\n1,3\n");
        File.WriteAllText(Path.Combine(inbox, "a.report-20260101T000000Z.csv"), "source_row,outcome\n");

        var result = await CliRun.RunAsync(_folder, WithKey(AcceptedKey), "check", inbox + Path.DirectorySeparatorChar);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Contains($"reports        beside each file in {inbox}{Path.DirectorySeparatorChar}, then moved with it to done/ or failed/: writable", result.Out);
        Assert.Contains($"input          {inbox}{Path.DirectorySeparatorChar}: 2 files", result.Out);
        Assert.Contains("dry run        1 to send", result.Out);
        Assert.Contains("refused        b.csv: column 'staus'", result.Out);
        Assert.False(Directory.Exists(Path.Combine(inbox, "done")));
    }

    [Fact]
    public async Task A_folder_of_files_a_run_would_all_refuse_is_refused()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "b.csv"), "lead_id,staus\n1,3\n");

        var result = await CliRun.RunAsync(_folder, WithKey(AcceptedKey), "check", inbox);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.StartsWith($"liner-bulk: check: a run would be refused: every file in {inbox} would be refused; the first: b.csv: column 'staus'", result.Error);
    }
}
