namespace LinerBulkUpdater.Sending;

/// <summary>
/// What one request achieved. <see cref="HttpStatus"/> is null when no answer came (a network
/// error, no answer within the timeout); <see cref="RetryAfter"/> is the server's Retry-After, if any;
/// <see cref="Data"/> is the envelope's <c>data</c> of a successful read (a copy, free of the answer's buffer).
/// </summary>
internal sealed record AttemptResult(bool Succeeded, int? HttpStatus, string Error, TimeSpan? RetryAfter = null, System.Text.Json.JsonElement? Data = null)
{
    public static readonly AttemptResult Success = new(true, 200, "");

    /// <summary>What the answer's rate-limit headers said was left of the window (<see cref="QuotaHeaders"/>), if anything.</summary>
    public (long Remaining, TimeSpan Reset)? Quota { get; init; }
}
