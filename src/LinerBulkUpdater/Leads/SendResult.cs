namespace LinerBulkUpdater.Leads;

/// <summary>What sending one row came to, over all its attempts.</summary>
internal sealed record SendResult(Outcome Outcome, int? HttpStatus, int Attempts, string Error);
