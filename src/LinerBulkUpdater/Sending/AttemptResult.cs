namespace LinerBulkUpdater.Sending;

/// <summary>What one request achieved. <see cref="HttpStatus"/> is null when no answer came (network, timeout).</summary>
internal sealed record AttemptResult(bool Succeeded, int? HttpStatus, string Error)
{
    public static readonly AttemptResult Success = new(true, 200, "");
}
