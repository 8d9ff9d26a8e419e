namespace LinerBulkUpdater.Leads;

/// <summary>A finished row: one line of the report.</summary>
/// <param name="Changes">What the row changed or would change in Liner (<see cref="FieldChange.Describe"/>); empty when the old values are not known.</param>
internal sealed record RowResult(RawRow Row, Outcome Outcome, int? HttpStatus = null, int Attempts = 0, string Error = "", string Changes = "");
