namespace LinerBulkUpdater.Leads;

/// <summary>What one update came to, over all its attempts (a read comes to a <see cref="Sending.ReadResult"/>).</summary>
internal sealed record SendResult(Outcome Outcome, int? HttpStatus, int Attempts, string Error);
