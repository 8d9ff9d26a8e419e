namespace LinerBulkUpdater.Leads;

/// <summary>A row on its way to the API: the row as read, and the update it came to.</summary>
/// <param name="Changes">What the update changes, when the baseline knew the old values (the report's <c>changes</c>).</param>
internal sealed record RowToSend(RawRow Row, LeadUpdate Update, string Changes = "");
