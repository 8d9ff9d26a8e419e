using System.Collections.Concurrent;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// The sandbox's leads: only what has been sent to it. Values are string, long or null; a field the
/// client cleared (<c>null</c> or <c>""</c>) is stored as null, so "cleared" and "never sent"
/// stay distinguishable (present with null vs absent).
/// </summary>
internal sealed class LeadStore
{
    private readonly ConcurrentDictionary<long, Dictionary<string, object?>> _leads = new();

    public void Apply(long leadId, IReadOnlyList<KeyValuePair<string, object?>> fields)
    {
        var lead = _leads.GetOrAdd(leadId, static _ => new Dictionary<string, object?>(StringComparer.Ordinal));
        // The client never has two updates of one lead in flight, but the stand-in must not
        // corrupt itself if a buggy client does.
        lock (lead)
        {
            foreach (var (name, value) in fields)
            {
                lead[name] = value;
            }
        }
    }

    /// <summary>A copy of the lead's current fields, or null if it was never updated.</summary>
    public IReadOnlyDictionary<string, object?>? Find(long leadId)
    {
        if (!_leads.TryGetValue(leadId, out var lead))
        {
            return null;
        }

        lock (lead)
        {
            return new Dictionary<string, object?>(lead, StringComparer.Ordinal);
        }
    }
}
