namespace LinerBulkUpdater.Sandbox;

/// <summary>A lead as Liner holds it at one moment: the detail reads are written from this.</summary>
/// <param name="Values">Every v1 field and integration id (<see cref="SandboxFields.Stored"/>): string, long or null (empty); custom values as their JSON.</param>
internal sealed record StoredLead(long Id, IReadOnlyDictionary<string, object?> Values, LeadFacts Facts, DateTimeOffset UpdatedAt)
{
    public string? Text(string field) => Values[field] as string;

    public long? Integer(string field) => Values[field] as long?;
}
