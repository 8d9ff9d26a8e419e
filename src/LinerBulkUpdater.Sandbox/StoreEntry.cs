namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// One lead's mutable state in <see cref="LeadStore"/>; callers lock the entry itself. Two views answer
/// different questions: what the client sent (a test of the client) and what Liner kept (what the
/// reads show). They differ only for a lead with <see cref="SandboxOptions.Ignores"/> or with changes
/// from a state file, so only such a lead pays for a second dictionary: a benchmark's 100,000 leads do not.
/// </summary>
internal sealed class StoreEntry
{
    private Dictionary<string, object?>? _sent;

    /// <summary>The values that replace the seed's: stored updates (ignored fields left out) and restored state.</summary>
    public Dictionary<string, object?> Kept { get; } = new(StringComparer.Ordinal);

    /// <summary>Every field this sandbox was sent in accepted updates, ignored ones included; last value wins.</summary>
    public IReadOnlyDictionary<string, object?> Sent => _sent ?? Kept;

    /// <summary>When an update last landed (or, restored, landed in an earlier run); null while the lead is as seeded.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    public void Apply(IReadOnlyList<KeyValuePair<string, object?>> fields, IReadOnlySet<string>? ignored)
    {
        if (ignored is not null && _sent is null)
        {
            // Until now everything sent was kept, so the sent view starts as a copy of what was kept.
            _sent = new Dictionary<string, object?>(Kept, StringComparer.Ordinal);
        }

        foreach (var (name, value) in fields)
        {
            if (_sent is not null)
            {
                _sent[name] = value;
            }

            if (ignored is null || !ignored.Contains(name))
            {
                Kept[name] = value;
            }
        }
    }

    /// <summary>Changes from an earlier run: Liner's values, not something this run's client sent.</summary>
    public void Restore(IReadOnlyDictionary<string, object?> fields)
    {
        _sent ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            Kept[name] = value;
        }
    }
}
