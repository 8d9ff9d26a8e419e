namespace LinerBulkUpdater.Leads;

/// <summary>A finished row: one line of the report.</summary>
internal sealed record RowResult(RawRow Row, Outcome Outcome, int? HttpStatus = null, int Attempts = 0, string Error = "");
