namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// When the seeded leads were created: lead 1 on 2024-01-01, the others after it in id order, spread evenly over two years
/// whatever <see cref="SandboxOptions.LeadCount"/> is, each at a drawn second of its step. So the lead list's
/// <c>createdAt</c> range is a range of ids, found by a binary search, and a page of a million leads costs what a page of
/// a thousand does.
/// </summary>
internal sealed class LeadCalendar
{
    private static readonly long Span = (long)(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) - LeadSeed.CreatedFrom).TotalSeconds;

    private readonly long _step;

    public LeadCalendar(int leadCount)
    {
        LeadCount = leadCount;
        _step = Math.Max(1, Span / Math.Max(1, leadCount));
    }

    /// <summary>The leads the list holds: 1 to this.</summary>
    public int LeadCount { get; }

    public DateTimeOffset CreatedAt(long leadId) => LeadSeed.CreatedAt(leadId, _step);

    /// <summary>The ids of the list's leads created from <paramref name="from"/> to <paramref name="to"/>, both included; empty when first &gt; last.</summary>
    public (long First, long Last) Ids(DateTimeOffset from, DateTimeOffset to) =>
        (FirstAtOrAfter(from), FirstAtOrAfter(to.AddTicks(1)) - 1);

    /// <summary>The first id in 1..LeadCount+1 created at or after <paramref name="at"/>; creation times rise with the id.</summary>
    private long FirstAtOrAfter(DateTimeOffset at)
    {
        long low = 1, high = LeadCount + 1L;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (CreatedAt(middle) < at)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
