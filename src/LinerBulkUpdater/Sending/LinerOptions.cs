using System.ComponentModel.DataAnnotations;

namespace LinerBulkUpdater.Sending;

/// <summary>Where Liner is and how to call it: the <c>Liner</c> settings section.</summary>
internal sealed class LinerOptions
{
    public const string Section = "Liner";

    /// <summary>e.g. <c>https://your-liner-host</c>; the paths below are appended to it.</summary>
    public string BaseUrl { get; set; } = "";

    [Required]
    [RegularExpression(@".*\{lead_id\}.*", ErrorMessage = "Liner:UpdatePath must contain {lead_id}")]
    public string UpdatePath { get; set; } = "/v1/lead/update/{lead_id}/";

    [Required]
    public string HealthPath { get; set; } = "/v1/health/check/";

    /// <summary>The base URL fit for a log or a report: without a user or password, should it carry one.</summary>
    public string DisplayBaseUrl => Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) && url.UserInfo.Length > 0
        ? new UriBuilder(url) { UserName = "", Password = "" }.Uri.ToString()
        : BaseUrl;

    /// <summary>From <c>LINER_API_KEY</c> or settings; never from the command line, never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Liner's own client gives each call 15 s.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>What a run that sends needs beyond the attributes. Messages never quote the key.</summary>
    /// <exception cref="UsageException">No usable base URL or key.</exception>
    public void ValidateForSending()
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new UsageException(BaseUrl.Length == 0
                ? "settings: Liner:BaseUrl is not set: give your Liner API host in appsettings.json, Liner__BaseUrl or --base-url (or try --sandbox)"
                : $"settings: Liner:BaseUrl '{DisplayBaseUrl}' is not an http(s) URL");
        }

        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            throw new UsageException($"settings: Liner:BaseUrl '{DisplayBaseUrl}' is plain http: the API key would travel in clear text; use https (http is for a local sandbox only)");
        }

        ApiKey = ApiKey?.Trim();
        if (string.IsNullOrEmpty(ApiKey))
        {
            throw new UsageException("no API key: set the LINER_API_KEY environment variable (or Liner:ApiKey in a settings file)");
        }

        // A header value must be visible ASCII; saying which character is wrong would leak part of the key.
        if (ApiKey.Any(c => c is < '!' or > '~'))
        {
            throw new UsageException("the API key contains spaces or characters that cannot travel in an HTTP header: check LINER_API_KEY");
        }
    }
}

/// <summary>How hard to push: the <c>Sending</c> settings section (and <c>--rps</c>, <c>--concurrency</c>).</summary>
internal sealed class SendingOptions
{
    public const string Section = "Sending";

    /// <summary>Requests that may start in any 1 s window, retries included; 0 means no limit.</summary>
    [Range(0, 100_000)]
    public int Rps { get; set; } = 10;

    /// <summary>Requests in flight at most.</summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 8;

    /// <summary>Attempts per row, the first included, for answers that say "later" and for network errors.</summary>
    [Range(1, 100)]
    public int Attempts { get; set; } = 5;

    /// <summary>The first back-off; each next one about doubles, with jitter.</summary>
    [Range(1, 600_000)]
    public int RetryDelayMs { get; set; } = 1000;

    /// <summary>The longest any single wait may be, a server's Retry-After included.</summary>
    [Range(1, 3600)]
    public int MaxDelaySeconds { get; set; } = 300;

    /// <summary>How long the circuit breaker keeps requests off an API that keeps failing, before it tries again.</summary>
    [Range(1, 3600)]
    public int BreakSeconds { get; set; } = 15;

    /// <summary>An API down longer than this stops the run (exit 3); a shorter outage is waited out.</summary>
    [Range(1, 86_400)]
    public int OutageLimitSeconds { get; set; } = 300;

    /// <summary>After Ctrl+C, how long requests in flight may take to finish before they are cut.</summary>
    [Range(0, 3600)]
    public int GraceSeconds { get; set; } = 30;
}
