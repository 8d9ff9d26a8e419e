namespace LinerBulkUpdater.Leads;

/// <summary>One of Liner's lead statuses, as <c>GET /v2/lead-status/</c> lists it.</summary>
/// <param name="Category">One of <c>in-progress</c>, <c>qualified</c>, <c>disqualified</c>.</param>
internal sealed record LeadStatus(long Id, string Code, string Title, string Category);
