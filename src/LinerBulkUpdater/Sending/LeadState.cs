using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// What a worker knows of one lead while it holds that lead (from its first queued row to its last): what Liner
/// holds, as read or as the rows since have set it. Dropped when the lead is idle, so memory stays flat.
/// </summary>
internal sealed class LeadState
{
    /// <summary>Null until read, and again once an update's effect is unknown (it failed, or its read-back did).</summary>
    public LiveLead? Live { get; set; }
}
