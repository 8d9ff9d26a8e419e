using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Leads;

/// <summary>What a finished run says about itself. Settings are listed by name and value, never the API key.</summary>
/// <param name="RateLimitFound">Liner's rate limit as the run found it from its 429s, requests per second; null when none showed.</param>
/// <param name="Throttled">Requests Liner answered 429, retries included.</param>
/// <param name="Sharing">
/// How the run shared the key: with other runs on this machine (the most at once, this one included, for how many
/// seconds, and its part of the key's pace meanwhile), and with others Liner's answers showed; null: not measured.
/// </param>
internal sealed record RunSummary(
    string InputPath,
    string ReportPath,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    OutcomeCounts Counts,
    int ExitCode,
    string? StopReason,
    IReadOnlyList<KeyValuePair<string, string>> Settings,
    int SavedByBaseline = 0,
    double? RateLimitFound = null,
    int Throttled = 0,
    KeySharing? Sharing = null);
