using System.Diagnostics.CodeAnalysis;
using System.Threading.RateLimiting;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// <c>--concurrency</c>: the requests on the wire (or waiting for their start), at most that many. A row holds its slot
/// across its requests (<see cref="RowTicket"/>); a request of no row (a list) takes one for its attempt. A started row's
/// request takes the next free slot before a request that starts a row (<see cref="PrioritySlots"/>).
/// </summary>
internal sealed class InFlightSlots(int concurrency)
{
    private readonly PrioritySlots _slots = new(concurrency);

    /// <summary>A new row's hold on a slot, taken by its first request.</summary>
    /// <param name="started">The row's lead is known already from an earlier row: it goes first.</param>
    public RowTicket Ticket(bool started) => new(_slots, started);

    /// <returns>A lease whose disposal frees the slot: the attempt's own, or none when the row's ticket holds it.</returns>
    public async ValueTask<RateLimitLease> AcquireAsync(RowAttempts request, CancellationToken cancellationToken)
    {
        if (request.Ticket is { } ticket)
        {
            // The row's ticket holds the slot: the attempt's end hands nothing back.
            await ticket.TakeAsync(cancellationToken);
            return StartLease.Acquired;
        }

        await _slots.WaitAsync(started: false, cancellationToken);
        return new SlotLease(_slots);
    }

    private sealed class SlotLease(PrioritySlots slots) : RateLimitLease
    {
        private int _released;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, [NotNullWhen(true)] out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }

            base.Dispose(disposing);
        }
    }
}
