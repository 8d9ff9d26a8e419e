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

    /// <summary>How many update requests have been recorded: <c>Snapshot(updatesOnly: true).Count</c> without the copy.</summary>
    public int UpdateCount => Volatile.Read(ref _updateCount);

    /// <summary>Taken when a request arrives, so the snapshot order does not depend on answer times.</summary>
    public long NextSequence() => Interlocked.Increment(ref _lastSequence);

    public void Record(long sequence, bool isUpdate, ReceivedRequest request)
    {
        _entries.Enqueue(new Entry(sequence, isUpdate, request));
        if (isUpdate)
        {
            Interlocked.Increment(ref _updateCount);
        }
    }

    public IReadOnlyList<ReceivedRequest> Snapshot(bool updatesOnly)
    {
        // Requests are queued as they are answered, and latency or a slow body can reorder them.
        var entries = _entries.ToArray();
        Array.Sort(entries, static (a, b) => a.Sequence.CompareTo(b.Sequence));
        var requests = new List<ReceivedRequest>(entries.Length);
        foreach (var entry in entries)
        {
            if (!updatesOnly || entry.IsUpdate)
            {
                requests.Add(entry.Request);
            }
        }

        return requests;
    }

    private readonly record struct Entry(long Sequence, bool IsUpdate, ReceivedRequest Request);
}
