using System.Net.Sockets;

namespace LinerBulkUpdater.Notifying;

/// <summary>
/// <c>check</c>'s lines for the <c>Notify</c> targets: whether each answers, sending no summary. The webhook gets a TCP
/// connection to its host and port, no request (a POST would be a notification); Telegram a <c>getMe</c>, which shows the
/// token is a bot's. Either failing is said, not a refusal: a notification that fails never changes a run's exit code.
/// </summary>
internal sealed class NotifyCheck(NotifyOptions options)
{
    public async Task SayAsync(Action<string, string> say, CancellationToken cancellationToken)
    {
        if (options.Webhook)
        {
            var why = await WhyNoConnectionAsync(new Uri(options.WebhookUrl), cancellationToken);
            say("webhook", why is null
                ? $"{options.DisplayWebhook}: answers (a connection to its host and port; nothing sent)"
                : $"{options.DisplayWebhook}: NOT reachable ({SecretText.Redact(why, options.Secrets)}); a run would still go on, and log that it could not notify");
        }

        if (options.Telegram.Enabled)
        {
            using var http = RunNotifier.CreateHttpClient();
            string line;
            try
            {
                using var limit = Limit(cancellationToken);
                var (answers, detail) = await new TelegramBot(http, options.Telegram).GetMeAsync(limit.Token);
                line = answers ? $"bot {detail} answers (getMe); messages go to chat {options.Telegram.ChatId}" : $"NOT answering: {detail}";
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                line = exception is OperationCanceledException ? $"NOT answering: no answer within {options.TimeoutSeconds} s" : $"NOT answering: {exception.Message.ReplaceLineEndings(" ")}";
            }

            say("Telegram", SecretText.Redact(line, options.Secrets) + (line.StartsWith("NOT", StringComparison.Ordinal) ? "; a run would still go on, and log that it could not notify" : ""));
        }
    }

    private async Task<string?> WhyNoConnectionAsync(Uri url, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        using var limit = Limit(cancellationToken);
        try
        {
            await tcp.ConnectAsync(url.DnsSafeHost, url.Port, limit.Token);
            return null;
        }
        catch (SocketException exception)
        {
            return exception.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no connection within {options.TimeoutSeconds} s";
        }
    }

    private CancellationTokenSource Limit(CancellationToken cancellationToken)
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        return limit;
    }
}
