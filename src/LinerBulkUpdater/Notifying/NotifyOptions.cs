using System.ComponentModel.DataAnnotations;

namespace LinerBulkUpdater.Notifying;

/// <summary>
/// The <c>Notify</c> settings section: who hears when a run ends. Both targets are optional; neither is set by default.
/// The webhook URL and the bot token are secrets like the API key (a webhook's path often is its password): never
/// printed whole, only as <see cref="DisplayWebhook"/>.
/// </summary>
internal sealed partial record NotifyOptions
{
    public const string Section = "Notify";

    /// <summary>Where the summary JSON is POSTed at the end of every run; empty: nowhere.</summary>
    public string WebhookUrl { get; init; } = "";

    public TelegramOptions Telegram { get; init; } = new();

    /// <summary>One attempt's limit, for each target.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; init; } = 10;

    /// <summary>Attempts per target, the first included: briefly, since the run is over and someone may be waiting for the prompt.</summary>
    [Range(1, 10)]
    public int Attempts { get; init; } = 3;

    /// <summary>The first retry's wait; each later one waits twice as long.</summary>
    [Range(0, 60_000)]
    public int RetryDelayMs { get; init; } = 1000;

    public bool Webhook => WebhookUrl.Length > 0;

    /// <summary>The webhook as a log line may show it: scheme, host and port; its path and query may hold its key.</summary>
    public string DisplayWebhook => SecretText.Origin(WebhookUrl);

    /// <summary>Everything a secret of these settings could be, for <see cref="SecretText.Redact"/>.</summary>
    public IEnumerable<string> Secrets =>
        new[] { WebhookUrl, Telegram.BotToken, Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var url) && url.PathAndQuery.Length > 1 ? url.PathAndQuery : "" }
            .Where(secret => secret.Length > 0);

    /// <summary>What the attributes cannot say: URLs that are not http(s), half a Telegram target. Never quotes a secret.</summary>
    /// <exception cref="UsageException">A value that is set but unusable.</exception>
    public void Check()
    {
        if (Webhook && !IsHttpUrl(WebhookUrl))
        {
            throw new UsageException($"settings: Notify:WebhookUrl '{DisplayWebhook}' is not an http(s) URL");
        }

        if (Telegram.BotToken.Length > 0 != Telegram.ChatId.Length > 0)
        {
            throw new UsageException("settings: Notify:Telegram needs both BotToken and ChatId (or neither)");
        }

        // The token travels in the URL's path: a slash or a space would change where it goes.
        if (Telegram.BotToken.Any(c => c is < '!' or > '~' or '/' or '?' or '#'))
        {
            throw new UsageException("settings: Notify:Telegram:BotToken holds spaces or characters no bot token has: check it");
        }

        if (!IsHttpUrl(Telegram.BaseUrl))
        {
            throw new UsageException($"settings: Notify:Telegram:BaseUrl '{SecretText.Origin(Telegram.BaseUrl)}' is not an http(s) URL");
        }
    }

    private static bool IsHttpUrl(string url) =>
        !url.Any(char.IsWhiteSpace) && Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp);

    // A record prints its members, and this one holds secrets: print only what may be shown.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("WebhookUrl = ").Append(DisplayWebhook).Append(", Telegram = ").Append(Telegram.Enabled ? "set" : "not set");
        return true;
    }
}

/// <summary>The <c>Notify:Telegram</c> section: a bot that messages one chat.</summary>
internal sealed record TelegramOptions
{
    /// <summary>The bot's token, from BotFather: a secret.</summary>
    public string BotToken { get; init; } = "";

    /// <summary>The chat, group or channel (<c>123456789</c>, <c>-100…</c> or <c>@name</c>).</summary>
    public string ChatId { get; init; } = "";

    /// <summary>The Bot API; a setting so tests (and a proxy) can stand in for it.</summary>
    public string BaseUrl { get; init; } = "https://api.telegram.org";

    public bool Enabled => BotToken.Length > 0 && ChatId.Length > 0;

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ChatId = ").Append(ChatId).Append(", BaseUrl = ").Append(SecretText.Origin(BaseUrl));
        return true;
    }
}
