namespace LinerBulkUpdater.Sending;

// Why by hand: SemaphoreSlim and System.Threading.RateLimiting's ConcurrencyLimiter serve their waiters in one order
// (roughly oldest first); a row that has started must go ahead of reads for leads not yet started (CONTRACT §6, "a read
// is fresh when its write goes"), so the waiters here are two queues, the started rows' served first.

/// <summary>
/// A fixed number of slots, handed to waiters in two classes: a started row's next request (its update after its read,
/// its v2 update, its read-back) before any request that starts a row, each class oldest first.
/// </summary>
internal sealed class PrioritySlots(int count)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource> _started = new();
    private readonly LinkedList<TaskCompletionSource> _starting = new();
    private int _free = count;

    /// <summary>A free slot now, if there is one and nobody waits for it.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            if (_free == 0)
            {
                return false;
            }

            _free--;
            return true;
        }
    }

    /// <param name="started">The request belongs to a row that has already reached Liner: it goes first.</param>
    /// <returns>When a slot is this caller's; <see cref="Release"/> gives it back.</returns>
    public Task WaitAsync(bool started, CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (_free > 0)
            {
                _free--;
                return Task.CompletedTask;
            }

            node = (started ? _started : _starting).AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return cancellationToken.CanBeCanceled ? CancellableAsync(node, started, cancellationToken) : node.Value.Task;
    }

    public void Release()
    {
        TaskCompletionSource? next;
        lock (_gate)
        {
            var queue = _started.Count > 0 ? _started : _starting;
            if (queue.First is not { } first)
            {
                _free++;
                return;
            }

            queue.RemoveFirst();
            next = first.Value;
        }

        next.SetResult();
    }

    private async Task CancellableAsync(LinkedListNode<TaskCompletionSource> node, bool started, CancellationToken cancellationToken)
    {
        await using var onCancel = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (node.List is null)
                {
                    // Handed a slot already: the awaiter below sees it and keeps it.
                    return;
                }

                (started ? _started : _starting).Remove(node);
            }

            node.Value.TrySetCanceled(cancellationToken);
        });
        await node.Value.Task;
    }
}
