namespace LinerBulkUpdater.Operating;

/// <summary>What a folder run came to: every file it took, and the exit code of the whole run.</summary>
internal sealed record FolderSummary(string Folder, DateTimeOffset Started, DateTimeOffset Finished, IReadOnlyList<FolderFile> Files, int ExitCode);
