using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// Keeps rows of one lead in file order and never in flight together, without holding up other
/// leads: a row whose lead is busy waits here, and the worker that finishes the lead's current row
/// takes it next.
/// </summary>
internal sealed class LeadQueue
{
    // A busy lead maps to the rows waiting behind its in-flight row (null while none wait).
    private readonly Dictionary<long, Queue<RowToSend>?> _busy = [];

    /// <returns>true when the lead was idle and the caller should send <paramref name="work"/> now; false when it waits its turn here.</returns>
    public bool TryStart(RowToSend work)
    {
        lock (_busy)
        {
            var leadId = work.Update.LeadId;
            if (!_busy.TryGetValue(leadId, out var waiting))
            {
                _busy[leadId] = null;
                return true;
            }

            if (waiting is null)
            {
                _busy[leadId] = waiting = new Queue<RowToSend>();
            }

            waiting.Enqueue(work);
            return false;
        }
    }

    /// <summary>Called when a lead's row is done.</summary>
    /// <returns>The lead's next row, which the caller now owns, or null when the lead is idle again.</returns>
    public RowToSend? Finish(long leadId)
    {
        lock (_busy)
        {
            if (_busy.TryGetValue(leadId, out var waiting) && waiting is { Count: > 0 })
            {
                return waiting.Dequeue();
            }

            _busy.Remove(leadId);
            return null;
        }
    }
}
