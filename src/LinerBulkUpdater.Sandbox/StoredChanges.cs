namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// What Liner keeps of a lead beyond its seed: the fields changed (null = cleared) and when. This,
/// and only this, is what <see cref="SandboxOptions.StateFile"/> keeps between runs.
/// </summary>
internal sealed record StoredChanges(long LeadId, IReadOnlyDictionary<string, object?> Fields, DateTimeOffset UpdatedAt);
