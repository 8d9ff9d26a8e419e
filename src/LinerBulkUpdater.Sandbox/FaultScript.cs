namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// A list of scripted faults (one lead's, or the status list's), each taken once, in order, even by
/// concurrent requests; used up, it answers nothing and the request behaves normally.
/// </summary>
internal sealed class FaultScript(Fault[] faults)
{
    private int _taken;

    public Fault? TryTake()
    {
        // Checked first so a used-up script stops counting: the counter can never wrap round.
        if (Volatile.Read(ref _taken) >= faults.Length)
        {
            return null;
        }

        var index = Interlocked.Increment(ref _taken) - 1;
        return index < faults.Length ? faults[index] : null;
    }
}
