namespace LinerBulkUpdater.Leads;

/// <summary>What a finished run says about itself. Settings are listed by name and value, never the API key.</summary>
internal sealed record RunSummary(
    string InputPath,
    string ReportPath,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    OutcomeCounts Counts,
    int ExitCode,
    string? StopReason,
    IReadOnlyList<KeyValuePair<string, string>> Settings,
    int SavedByBaseline = 0);
