using System.Diagnostics.CodeAnalysis;
using System.Threading.RateLimiting;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// <c>--concurrency</c>: the requests on the wire (or waiting for their start), at most that many; a started row's next
/// request takes the next free slot before a request that starts a row (<see cref="PrioritySlots"/>).
/// </summary>
internal sealed class InFlightSlots(int concurrency)
{
    private readonly PrioritySlots _slots = new(concurrency);

    /// <returns>A lease whose disposal frees the slot.</returns>
    public async ValueTask<RateLimitLease> AcquireAsync(bool started, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(started, cancellationToken);
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
