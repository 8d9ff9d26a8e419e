namespace LinerBulkUpdater.Cli;

/// <summary>
/// Ctrl+C and SIGTERM, as the run sees them: the first press asks for a graceful stop, any later
/// one for a stop at once.
/// </summary>
internal sealed class Interrupts : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _cut = new();
    private int _presses;

    public CancellationToken Stop => _stop.Token;

    public CancellationToken Cut => _cut.Token;

    public void Press()
    {
        if (Interlocked.Increment(ref _presses) == 1)
        {
            _stop.Cancel();
        }
        else
        {
            _cut.Cancel();
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _cut.Dispose();
    }
}
