using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Tests.Integration;

namespace LinerBulkUpdater.Tests.Notifying;

/// <summary>The real CLI path telling a webhook and a Telegram stand-in (real HTTP over loopback) how each run ended.</summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private NotifyStandIn _stand = null!;

    public async Task InitializeAsync() => _stand = await NotifyStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _stand.DisposeAsync();
        _folder.Dispose();
    }

    private string Hook => new Uri(_stand.BaseUrl, "/hook/T0123/B4567/s3cr3tpath").ToString();

    private Dictionary<string, string?> Notify(string? webhook = null, bool telegram = false)
    {
        var environment = new Dictionary<string, string?> { ["Notify__RetryDelayMs"] = "10" };
        if (webhook is not null)
        {
            environment["Notify__WebhookUrl"] = webhook;
        }

        if (telegram)
        {
            environment["Notify__Telegram__BotToken"] = NotifyStandIn.BotToken;
            environment["Notify__Telegram__ChatId"] = "-100200300";
            environment["Notify__Telegram__BaseUrl"] = _stand.BaseUrl.ToString();
        }

        return environment;
    }

    private string Input() => _folder.Write("leads.csv", "lead_id,status\n1,3\nx,4\n", new UTF8Encoding(false));

    [Fact]
    public async Task A_run_posts_its_summary_json_to_the_webhook_once_byte_for_byte_as_summary_json_writes_it()
    {
        var json = Path.Combine(_folder.Path, "summary.json");

        var result = await CliRun.RunAsync(_folder, Notify(Hook), "run", Input(), "--sandbox", "--rps", "0", "--summary-json", json);

        Assert.True(result.ExitCode == ExitCodes.SomeRowsFailed, result.Everything);
        var hook = Assert.Single(_stand.Hooks);
        Assert.Equal(("POST", "/hook/T0123/B4567/s3cr3tpath", "application/json"), (hook.Method, hook.Path, hook.ContentType));
        Assert.Equal(File.ReadAllBytes(json), hook.Body);
        using var summary = JsonDocument.Parse(hook.Body);
        Assert.Equal(ExitCodes.SomeRowsFailed, summary.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal(1, summary.RootElement.GetProperty("outcomes").GetProperty("invalid").GetInt32());
        Assert.Contains("Notified the webhook http://127.0.0.1:", result.Out);
        Assert.DoesNotContain("s3cr3tpath", result.Everything + result.LogText);
    }

    [Fact]
    public async Task A_refused_run_posts_exit_2_and_the_reason_though_summary_json_writes_nothing()
    {
        var input = _folder.Write("leads.csv", "lead_id,staus\n1,3\n", new UTF8Encoding(false));
        var json = Path.Combine(_folder.Path, "summary.json");

        var result = await CliRun.RunAsync(_folder, Notify(Hook, telegram: true), "run", input, "--sandbox", "--rps", "0", "--summary-json", json);

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.False(File.Exists(json));
        using var summary = JsonDocument.Parse(Assert.Single(_stand.Hooks).Body);
        var root = summary.RootElement;
        Assert.Equal((Path.GetFullPath(input), 2), (root.GetProperty("input").GetString(), root.GetProperty("exitCode").GetInt32()));
        Assert.Contains("'staus'", root.GetProperty("error").GetString());
        var text = JsonDocument.Parse(Assert.Single(_stand.Messages).Body).RootElement.GetProperty("text").GetString()!;
        Assert.StartsWith("liner-bulk: leads.csv: exit 2, refused: nothing was sent\nRefused: ", text);
        Assert.Contains("'staus'", text);
    }

    [Fact]
    public async Task A_run_refused_by_its_options_before_it_starts_still_notifies()
    {
        var result = await CliRun.RunAsync(_folder, Notify(Hook), "run", Input(), "--sandbox", "--dry-run", "--verify");

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        using var summary = JsonDocument.Parse(Assert.Single(_stand.Hooks).Body);
        Assert.Equal(2, summary.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Contains("--verify", summary.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_folder_run_notifies_once_with_the_folders_summary()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "a.csv"), "lead_id,status\n1,2\n");
        File.WriteAllText(Path.Combine(inbox, "b.csv"), "lead_id,staus\n2,2\n");
        var json = Path.Combine(_folder.Path, "summary.json");

        var result = await CliRun.RunAsync(_folder, Notify(Hook, telegram: true), "run", inbox + "/", "--sandbox", "--rps", "0", "--summary-json", json);

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.Equal(File.ReadAllBytes(json), Assert.Single(_stand.Hooks).Body);
        var text = JsonDocument.Parse(Assert.Single(_stand.Messages).Body).RootElement.GetProperty("text").GetString()!;
        Assert.StartsWith("liner-bulk: inbox: exit 1, finished; some rows failed or are invalid (see the report)\nRows: 2 files; 1 updated\nWhy: 1 of 2 files refused, the first: ", text);
    }

    [Fact]
    public async Task Telegram_gets_a_short_message_with_the_counts_the_exit_code_and_the_report()
    {
        var report = Path.Combine(_folder.Path, "report.csv");

        var result = await CliRun.RunAsync(_folder, Notify(telegram: true), "run", Input(), "--sandbox", "--rps", "0", "--report", report);

        Assert.True(result.ExitCode == ExitCodes.SomeRowsFailed, result.Everything);
        var message = Assert.Single(_stand.Messages);
        Assert.Equal("application/json", message.ContentType);
        var body = JsonDocument.Parse(message.Body).RootElement;
        Assert.Equal("-100200300", body.GetProperty("chat_id").GetString());
        Assert.Equal(
            $"liner-bulk: leads.csv: exit 1, finished; some rows failed or are invalid (see the report)\nRows: 1 updated, 1 invalid\nReport: {report}",
            body.GetProperty("text").GetString());
        Assert.Contains("Notified Telegram", result.Out);
        Assert.DoesNotContain(NotifyStandIn.BotToken, result.Everything + result.LogText);
    }

    [Fact]
    public async Task A_dead_webhook_and_a_failing_bot_are_retried_logged_without_their_secrets_and_leave_the_exit_code()
    {
        _stand.TelegramStatus = 500;
        var dead = $"http://127.0.0.1:{ClosedPort()}/hook/dead-s3cr3t";

        var result = await CliRun.RunAsync(_folder, Notify(dead, telegram: true), "run", Input(), "--sandbox", "--rps", "0");

        Assert.True(result.ExitCode == ExitCodes.SomeRowsFailed, result.Everything);
        Assert.Equal(3, _stand.Messages.Count);
        Assert.Contains($"Could not notify the webhook http://127.0.0.1:{new Uri(dead).Port}: ", result.Out);
        Assert.Contains("Could not notify Telegram: HTTP 500: Internal Server Error (the run's exit code is unchanged)", result.Out);
        Assert.DoesNotContain("dead-s3cr3t", result.Everything + result.LogText);
        Assert.DoesNotContain(NotifyStandIn.BotToken, result.Everything + result.LogText);
    }

    [Fact]
    public async Task A_webhook_that_is_busy_at_first_gets_the_summary_on_a_retry()
    {
        _stand.HookStatus = call => call == 1 ? 503 : 200;

        var result = await CliRun.RunAsync(_folder, Notify(Hook), "run", Input(), "--sandbox", "--rps", "0");

        Assert.Equal(2, _stand.Hooks.Count);
        Assert.Equal(_stand.Hooks[0].Body, _stand.Hooks[1].Body);
        Assert.Contains("Notified the webhook", result.Out);
    }

    [Fact]
    public async Task A_webhook_that_refuses_the_summary_is_not_retried()
    {
        _stand.HookStatus = _ => 404;

        var result = await CliRun.RunAsync(_folder, Notify(Hook), "run", Input(), "--sandbox", "--rps", "0");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        Assert.Single(_stand.Hooks);
        Assert.Contains($"Could not notify the webhook {_stand.BaseUrl.ToString().TrimEnd('/')}: HTTP 404 (the run's exit code is unchanged)", result.Out);
    }

    [Fact]
    public async Task Check_says_whether_each_target_answers_and_sends_no_summary()
    {
        var result = await CliRun.RunAsync(_folder, Notify(Hook, telegram: true), "check", Input(), "--sandbox");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Contains($"webhook        {_stand.BaseUrl.ToString().TrimEnd('/')}: answers (a connection to its host and port; nothing sent)", result.Out);
        Assert.Contains("Telegram       bot @liner_night_bot answers (getMe); messages go to chat -100200300", result.Out);
        Assert.Empty(_stand.Hooks);
        Assert.Empty(_stand.Messages);
        Assert.DoesNotContain("s3cr3tpath", result.Everything);
    }

    [Fact]
    public async Task Check_says_a_target_that_does_not_answer_and_still_passes()
    {
        var environment = Notify($"http://127.0.0.1:{ClosedPort()}/hook/dead-s3cr3t", telegram: true);
        environment["Notify__Telegram__BotToken"] = "999:wrong-token";

        var result = await CliRun.RunAsync(_folder, environment, "check", Input(), "--sandbox");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Everything);
        Assert.Matches(@"webhook        http://127\.0\.0\.1:\d+: NOT reachable \(.+\); a run would still go on, and log that it could not notify", result.Out);
        Assert.Contains("Telegram       NOT answering: HTTP 401: Unauthorized; a run would still go on, and log that it could not notify", result.Out);
        Assert.DoesNotContain("dead-s3cr3t", result.Everything);
        Assert.DoesNotContain("wrong-token", result.Everything);
    }

    [Theory]
    [InlineData("Notify__WebhookUrl", "ftp://user:pw@example.com/x", "settings: Notify:WebhookUrl 'ftp://example.com' is not an http(s) URL")]
    [InlineData("Notify__Telegram__ChatId", "42", "settings: Notify:Telegram needs both BotToken and ChatId (or neither)")]
    [InlineData("Notify__Attempts", "0", "settings: Notify:Attempts: The field Attempts must be between 1 and 10.")]
    public async Task Notification_settings_are_checked_like_every_other(string name, string value, string message)
    {
        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?> { [name] = value }, "run", Input(), "--sandbox");

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal($"liner-bulk: {message}\n", result.Error.ReplaceLineEndings("\n"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
