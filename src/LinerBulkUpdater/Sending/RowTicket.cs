namespace LinerBulkUpdater.Sending;

/// <summary>
/// A row's hold on one slot of <c>--concurrency</c>: its first request takes it, its next requests (its update after its
/// read, its v2 update, its read-back) keep it, and it is given up while the row waits for a retry and once the row is in
/// the report. So the rows that have reached Liner and are not yet in the report are at most <c>--concurrency</c>, less
/// those waiting for a retry: what a kill -9 can leave out of the report (CONTRACT §6, "a read is fresh when its write goes").
/// </summary>
/// <remarks>A row's requests go one after another, and its result is written after its last: the ticket is used by one caller at a time.</remarks>
internal sealed class RowTicket(PrioritySlots slots, bool started) : IDisposable
{
    private bool _holding;

    /// <summary>The row has reached Liner (or its lead was known from an earlier row): its requests go before those that start a row.</summary>
    public bool Started { get; private set; } = started;

    /// <summary>A slot for the row's next request: the one it holds, or the next free one, a started row's first.</summary>
    public async ValueTask TakeAsync(CancellationToken cancellationToken)
    {
        if (_holding)
        {
            return;
        }

        await slots.WaitAsync(Started, cancellationToken);
        _holding = true;
        Started = true;
    }

    /// <summary>The row waits for a retry: its slot goes to another row meanwhile, and it comes back first.</summary>
    public void Pause()
    {
        if (_holding)
        {
            _holding = false;
            slots.Release();
        }
    }

    /// <summary>The row is done (and in the report): its slot is free.</summary>
    public void Dispose() => Pause();
}
