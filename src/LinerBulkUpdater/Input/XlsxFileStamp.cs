namespace LinerBulkUpdater.Input;

/// <summary>What tells one save of a file from another without reading it again.</summary>
internal readonly record struct XlsxFileStamp(long Length, DateTime LastWriteTimeUtc);
