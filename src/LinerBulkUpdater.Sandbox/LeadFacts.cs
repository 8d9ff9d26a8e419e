namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// What a seeded lead has that no update can change: its origin and bookkeeping, shown by the detail
/// reads. <see cref="SeededUpdatedAt"/> is the lead's <c>updatedAt</c> until the sandbox first changes it.
/// </summary>
internal sealed record LeadFacts(
    string Ip,
    string City,
    string LeadType,
    string CreateMethod,
    bool IsSecondary,
    DateTimeOffset CreatedAt,
    DateTimeOffset SeededUpdatedAt,
    int OrderId,
    string OrderCode);
