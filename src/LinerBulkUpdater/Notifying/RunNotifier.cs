using System.Net.Http.Headers;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Serilog;

namespace LinerBulkUpdater.Notifying;

/// <summary>
/// Tells the <c>Notify</c> targets how a run ended: the summary JSON POSTed to the webhook, a short message to the
/// Telegram chat. Each retried briefly; a failure is logged (secrets masked) and swallowed: the run is over and its exit
/// code is already decided.
/// </summary>
internal sealed class RunNotifier(NotifyOptions options, ILogger log, TimeProvider time)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Whether any target is set: without one, nothing is built or sent.</summary>
    public static bool Wanted(NotifyOptions options) => options.Webhook || options.Telegram.Enabled;

    /// <summary>Sends <paramref name="notice"/> to every target set; never throws, never waits past the attempts' limits.</summary>
    public async Task SendAsync(RunNotice notice)
    {
        if (!Wanted(options))
        {
            return;
        }

        using var http = CreateHttpClient();
        var pipeline = Pipeline();
        await Task.WhenAll(
            options.Webhook ? DeliverAsync("the webhook " + options.DisplayWebhook, token => WebhookAsync(http, notice, token), pipeline) : Task.CompletedTask,
            options.Telegram.Enabled ? DeliverAsync("Telegram", token => new TelegramBot(http, options.Telegram).SendAsync(NoticeText.Of(notice), token), pipeline) : Task.CompletedTask);
    }

    /// <summary>Redirects are not followed: a POST would turn into a GET, and the body would never arrive.</summary>
    internal static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The summary JSON, as <c>--summary-json</c> writes it; any 2xx is delivered.</summary>
    private async Task<Delivery> WebhookAsync(HttpClient http, RunNotice notice, CancellationToken cancellationToken)
    {
        // A user and password in the URL are not the receiver's key (that goes in its path or query): never sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, new UriBuilder(options.WebhookUrl) { UserName = "", Password = "" }.Uri)
        {
            Content = new ByteArrayContent(notice.SummaryJson) { Headers = { ContentType = Json } },
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.IsSuccessStatusCode ? Delivery.Done : Delivery.Refused((int)response.StatusCode, "");
    }

    private ResiliencePipeline<Delivery> Pipeline() =>
        new ResiliencePipelineBuilder<Delivery> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<Delivery>
            {
                MaxRetryAttempts = options.Attempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMs),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException or TimeoutRejectedException || args.Outcome.Result is { Retryable: true }),
            })
            .AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds))
            .Build();

    private async Task DeliverAsync(string target, Func<CancellationToken, Task<Delivery>> attempt, ResiliencePipeline<Delivery> pipeline)
    {
        string why;
        try
        {
            var delivery = await pipeline.ExecuteAsync(async token => await attempt(token), CancellationToken.None);
            if (delivery.Delivered)
            {
                log.Information("Notified {Target}", target);
                return;
            }

            why = delivery.Error;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or IOException or InvalidOperationException)
        {
            why = exception is TimeoutRejectedException ? $"no answer within {options.TimeoutSeconds} s" : SettingsLine(exception);
        }

        log.Warning("Could not notify {Target}: {Reason} (the run's exit code is unchanged)", target, SecretText.Redact(why, options.Secrets));
    }

    private static string SettingsLine(Exception exception) =>
        (exception.InnerException is { } inner && !exception.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{exception.Message} {inner.Message}" : exception.Message).ReplaceLineEndings(" ");
}
