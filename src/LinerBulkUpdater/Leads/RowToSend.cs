namespace LinerBulkUpdater.Leads;

/// <summary>A row on its way to the API: the row as read, and the update it came to.</summary>
internal sealed record RowToSend(RawRow Row, LeadUpdate Update);
