namespace LinerBulkUpdater.Operating;

/// <summary>What <c>liner-bulk check</c> was asked about: the paths a run would be given, as the user typed them.</summary>
/// <param name="InputPath">A file or a folder; null to check only the settings, Liner and the outputs.</param>
internal sealed record CheckRequest(string? InputPath, string? ReportPath, string? SummaryJsonPath, string? Sheet, string? ConfigPath);
