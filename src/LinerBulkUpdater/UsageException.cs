namespace LinerBulkUpdater;

/// <summary>
/// Unusable input or settings: the run stops before anything is sent (exit 2).
/// The message is shown to the user as is, on one line, so it must name the file, row, column
/// and value where they are known — and never contain a secret.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
