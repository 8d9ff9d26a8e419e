namespace LinerBulkUpdater.Leads;

/// <summary>What one update came to, over all its attempts (a read has a result of its own).</summary>
internal sealed record SendResult(Outcome Outcome, int? HttpStatus, int Attempts, string Error)
{
    /// <summary>The answer for a message: <c>HTTP 422: …</c>, or our words when no answer came.</summary>
    public string Said => HttpStatus is { } status ? $"HTTP {status}: {Error}" : Error;
}
