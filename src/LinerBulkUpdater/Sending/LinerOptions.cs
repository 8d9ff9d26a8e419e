using System.ComponentModel.DataAnnotations;

namespace LinerBulkUpdater.Sending;

/// <summary>Where Liner is and how to call it: the <c>Liner</c> settings section.</summary>
internal sealed partial record LinerOptions
{
    public const string Section = "Liner";

    /// <summary>The environment variable the API key comes from: never a command-line argument.</summary>
    public const string ApiKeyVariable = "LINER_API_KEY";

    /// <summary>e.g. <c>https://your-liner-host</c>; the paths below are appended to it.</summary>
    public string BaseUrl { get; init; } = "";

    [Required]
    [RegularExpression(@".*\{lead_id\}.*", ErrorMessage = "Liner:UpdatePath must contain {lead_id}")]
    public string UpdatePath { get; init; } = "/v1/lead/update/{lead_id}/";

    [Required]
    public string HealthPath { get; init; } = "/v1/health/check/";

    /// <summary>A lead's detail (<c>--live-diff</c>, <c>--undo</c>, <c>--verify</c>).</summary>
    [Required]
    [RegularExpression(@".*\{lead_id\}.*", ErrorMessage = "Liner:LeadDetailPath must contain {lead_id}")]
    public string LeadDetailPath { get; init; } = "/v2/lead/detail/{lead_id}/";

    /// <summary>The v1 detail, read only for <c>campaign_id</c> and <c>external_id</c>, which v2 lacks.</summary>
    [Required]
    [RegularExpression(@".*\{lead_id\}.*", ErrorMessage = "Liner:LeadDetailV1Path must contain {lead_id}")]
    public string LeadDetailV1Path { get; init; } = "/v1/lead/detail/{lead_id}/";

    /// <summary>The lead-status list; the docs' examples use the other spelling, tried when this one answers 404.</summary>
    [Required]
    public string StatusListPath { get; init; } = "/v2/lead-status/";

    /// <summary>The v2 update, for a row's custom values (after its v1 update).</summary>
    [Required]
    [RegularExpression(@".*\{lead_id\}.*", ErrorMessage = "Liner:UpdateV2Path must contain {lead_id}")]
    public string UpdateV2Path { get; init; } = "/v2/lead/update/{lead_id}/";

    /// <summary>Where a sweep of the lead list starts when <c>--created-from</c> is not given: before any lead (CONTRACT §8).</summary>
    public DateTimeOffset EarliestLead { get; init; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The most leads <c>--match-by external_id</c> may sweep: only the v1 detail shows external_id, so each lead in the
    /// range costs one more read (CONTRACT §8). Above it the run is refused, naming the options that narrow the range.
    /// </summary>
    [Range(0, 10_000_000)]
    public int MatchByV1Limit { get; init; } = 5000;

    /// <summary>The lead list, paged by offset (<c>--match-by</c>, <c>export</c>; CONTRACT §8).</summary>
    [Required]
    public string LeadListPath { get; init; } = "/v2/lead/";

    /// <summary>
    /// The custom-field list, of leads and orders both (a column titled like an order's field is refused, saying so);
    /// the docs' examples use the other spelling, tried when this one answers 404.
    /// </summary>
    [Required]
    public string CustomFieldListPath { get; init; } = "/v2/custom-field/";

    /// <summary>
    /// The base URL fit for a log or a report: without a user or password, should it carry one, even
    /// when it does not parse as a URL (then whatever stands before an <c>@</c> in its authority goes).
    /// </summary>
    public string DisplayBaseUrl => Uri.TryCreate(BaseUrl.Trim(), UriKind.Absolute, out var url)
        ? url.UserInfo.Length > 0 ? new UriBuilder(url) { UserName = "", Password = "" }.Uri.ToString() : BaseUrl
        : UserInfo().Replace(BaseUrl, "$1");

    /// <summary>From <c>LINER_API_KEY</c> or settings; never from the command line, never logged.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Liner's own client gives each call 15 s.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; init; } = 15;

    /// <summary>What the attributes cannot say: a base URL that would fail every row, a key that cannot be sent. Never quotes the key.</summary>
    /// <exception cref="UsageException">A value that is set but unusable.</exception>
    public void Check()
    {
        if (BaseUrl.Length > 0)
        {
            CheckBaseUrl();
        }

        foreach (var (name, path) in new[] { (nameof(UpdatePath), UpdatePath), (nameof(HealthPath), HealthPath), (nameof(LeadDetailPath), LeadDetailPath), (nameof(LeadDetailV1Path), LeadDetailV1Path), (nameof(StatusListPath), StatusListPath), (nameof(UpdateV2Path), UpdateV2Path), (nameof(CustomFieldListPath), CustomFieldListPath) })
        {
            if (!path.StartsWith('/'))
            {
                throw new UsageException($"settings: Liner:{name} must start with '/' (it is appended to Liner:BaseUrl)");
            }
        }

        // A header value must be visible ASCII; saying which character is wrong would leak part of the key.
        if (ApiKey?.Trim() is { } key && key.Any(c => c is < '!' or > '~'))
        {
            throw new UsageException($"the API key contains spaces or characters that cannot travel in an HTTP header: check {ApiKeyVariable}");
        }
    }

    /// <summary>What a run that sends needs on top of <see cref="Check"/>: a base URL and a key.</summary>
    /// <exception cref="UsageException">No base URL or no key.</exception>
    public void CheckCanSend()
    {
        if (BaseUrl.Length == 0)
        {
            throw new UsageException("settings: Liner:BaseUrl is not set: give your Liner API host in appsettings.json, Liner__BaseUrl or --base-url (or try --sandbox)");
        }

        CheckBaseUrl();
        if (string.IsNullOrEmpty(ApiKey?.Trim()))
        {
            throw new UsageException($"no API key: set the {ApiKeyVariable} environment variable (or Liner:ApiKey in a settings file)");
        }
    }

    private void CheckBaseUrl()
    {
        if (BaseUrl.Any(char.IsWhiteSpace) || !Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new UsageException($"settings: Liner:BaseUrl '{DisplayBaseUrl}' is not an http(s) URL");
        }

        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            throw new UsageException($"settings: Liner:BaseUrl '{DisplayBaseUrl}' is plain http: the API key would travel in clear text; use https (http is for a local sandbox only)");
        }
    }

    // A record prints its members, and this one holds the key: print only what may be shown.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("BaseUrl = ").Append(DisplayBaseUrl);
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^([^:/]*:/*)?[^/]*@")]
    private static partial System.Text.RegularExpressions.Regex UserInfo();
}
