using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// The sandbox's leads. Every lead id exists, holding its <see cref="LeadSeed"/> values until an update
/// changes them; only the changes are kept, so memory grows with the leads touched, not with the ids
/// read. Values are string, long or null; a field the client cleared (<c>null</c> or <c>""</c>) is
/// stored as null, so "cleared" and "never sent" stay distinguishable (present with null vs absent).
/// </summary>
internal sealed class LeadStore(TimeProvider time, FrozenDictionary<long, FrozenSet<string>> ignores, LeadCalendar calendar)
{
    public LeadCalendar Calendar => calendar;

    private readonly ConcurrentDictionary<long, StoreEntry> _leads = new();

    /// <summary>An accepted update: all of it is recorded as sent, all but the lead's ignored fields is kept.</summary>
    public void Apply(long leadId, IReadOnlyList<KeyValuePair<string, object?>> fields)
    {
        var lead = _leads.GetOrAdd(leadId, static _ => new StoreEntry());
        var ignored = ignores.GetValueOrDefault(leadId);
        // Whole seconds, as Liner's ISO timestamps show them.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        // The client never has two updates of one lead in flight, but the stand-in must not
        // corrupt itself if a buggy client does.
        lock (lead)
        {
            lead.Apply(fields, ignored);
            lead.UpdatedAt = now;
        }
    }

    /// <summary>A copy of the fields this sandbox was sent for the lead, or null if it was never updated here.</summary>
    public IReadOnlyDictionary<string, object?>? Find(long leadId)
    {
        if (!_leads.TryGetValue(leadId, out var lead))
        {
            return null;
        }

        lock (lead)
        {
            return lead.Sent.Count == 0 ? null : new Dictionary<string, object?>(lead.Sent, StringComparer.Ordinal);
        }
    }

    /// <summary>The lead as Liner holds it now: its seed with the kept changes over it.</summary>
    public StoredLead Current(long leadId)
    {
        var values = LeadSeed.Values(leadId);
        var facts = LeadSeed.Facts(leadId, calendar.CreatedAt(leadId));
        var updatedAt = facts.SeededUpdatedAt;
        if (_leads.TryGetValue(leadId, out var lead))
        {
            lock (lead)
            {
                foreach (var (name, value) in lead.Kept)
                {
                    values[name] = value;
                }

                updatedAt = lead.UpdatedAt ?? updatedAt;
            }
        }

        return new StoredLead(leadId, values, facts, updatedAt);
    }

    /// <summary>The lead's status as Liner holds it now, without building the rest of it: what the list's filter reads.</summary>
    public long? Status(long leadId)
    {
        if (_leads.TryGetValue(leadId, out var lead))
        {
            lock (lead)
            {
                if (lead.Kept.TryGetValue(SandboxFields.Status, out var status))
                {
                    return status as long?;
                }
            }
        }

        return LeadSeed.Status(leadId);
    }

    /// <summary>Every lead with kept changes, by id: what a state file saves.</summary>
    public IReadOnlyList<StoredChanges> Changes()
    {
        var changes = new List<StoredChanges>();
        foreach (var (leadId, lead) in _leads)
        {
            lock (lead)
            {
                if (lead.Kept.Count > 0)
                {
                    changes.Add(new StoredChanges(leadId, new Dictionary<string, object?>(lead.Kept, StringComparer.Ordinal),
                        lead.UpdatedAt ?? LeadSeed.Facts(leadId, calendar.CreatedAt(leadId)).SeededUpdatedAt));
                }
            }
        }

        changes.Sort(static (a, b) => a.LeadId.CompareTo(b.LeadId));
        return changes;
    }

    /// <summary>Puts back a lead's changes from an earlier run; they count as kept, not as sent by this run's client.</summary>
    public void Restore(StoredChanges changes)
    {
        var lead = _leads.GetOrAdd(changes.LeadId, static _ => new StoreEntry());
        lock (lead)
        {
            lead.Restore(changes.Fields);
            lead.UpdatedAt = changes.UpdatedAt;
        }
    }
}
