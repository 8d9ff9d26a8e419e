using System.Collections.Concurrent;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// Every request the sandbox answered, in arrival order. Built for benchmarks of 100,000 requests:
/// recording is one enqueue; the ordering work is paid only when a snapshot is taken.
/// </summary>
internal sealed class RequestRecorder
{
    private readonly ConcurrentQueue<Entry> _entries = new();
    private long _lastSequence;
    private int _updateCount;
    private int _readCount;

    /// <summary>How many update requests have been recorded: <c>Snapshot(r => r.IsUpdate).Count</c> without the copy.</summary>
    public int UpdateCount => Volatile.Read(ref _updateCount);

    /// <summary>How many reads have been recorded: <c>Snapshot(r => r.IsRead).Count</c> without the copy.</summary>
    public int ReadCount => Volatile.Read(ref _readCount);

    /// <summary>Taken when a request arrives, so the snapshot order does not depend on answer times.</summary>
    public long NextSequence() => Interlocked.Increment(ref _lastSequence);

    public void Record(long sequence, ReceivedRequest request)
    {
        _entries.Enqueue(new Entry(sequence, request));
        if (request.IsUpdate)
        {
            Interlocked.Increment(ref _updateCount);
        }
        else if (request.IsRead)
        {
            Interlocked.Increment(ref _readCount);
        }
    }

    /// <summary>The requests <paramref name="which"/> accepts (all if null), in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Snapshot(Func<ReceivedRequest, bool>? which = null)
    {
        // Requests are queued as they are answered, and latency or a slow body can reorder them.
        var entries = _entries.ToArray();
        Array.Sort(entries, static (a, b) => a.Sequence.CompareTo(b.Sequence));
        var requests = new List<ReceivedRequest>(entries.Length);
        foreach (var entry in entries)
        {
            if (which is null || which(entry.Request))
            {
                requests.Add(entry.Request);
            }
        }

        return requests;
    }

    private readonly record struct Entry(long Sequence, ReceivedRequest Request);
}
