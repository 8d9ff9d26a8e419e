using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Operating;

/// <summary>One file of a folder run: where it and its report went, and its run's summary (null when it was refused, with the reason).</summary>
internal sealed record FolderFile(string Input, string MovedTo, string? ReportMovedTo, int ExitCode, RunSummary? Summary, string? Refusal);
