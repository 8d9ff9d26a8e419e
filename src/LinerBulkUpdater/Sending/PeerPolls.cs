namespace LinerBulkUpdater.Sending;

/// <summary>
/// The limiter's questions to <see cref="IKeyPeers"/>, ten times a second at most: how many runs share the key, and
/// what they found of its limit, handed to the controller; and how long this run shared the key with them, and its part
/// of it, for the progress line and the summary. Not thread-safe: the limiter calls under its lock.
/// </summary>
internal sealed class PeerPolls(IKeyPeers? peers, long now, long ticksPerSecond)
{
    private long _askedAt = now;
    private int _mostRuns = 1;
    private double _sharedSeconds;
    private double _sharedPart;

    /// <summary>Runs using the key at the last question, this one included.</summary>
    public int Runs { get; private set; } = 1;

    /// <summary>How this run shared the key with runs on this machine; <paramref name="outside"/>, with others.</summary>
    public KeySharing Sharing(KeyUseOutside? outside) => new(
        _mostRuns,
        _sharedSeconds,
        _mostRuns == 1 ? 1 : _sharedSeconds > 0 ? _sharedPart / _sharedSeconds : 1.0 / _mostRuns,
        outside?.Seconds ?? 0,
        outside?.Share ?? 1);

    public void AskIfDue(long now, IRateController controller)
    {
        if (now - _askedAt >= ticksPerSecond / 10)
        {
            Ask(now, controller);
        }
    }

    public void Ask(long now, IRateController controller)
    {
        var seconds = (double)(now - _askedAt) / ticksPerSecond;
        if (Runs > 1)
        {
            _sharedSeconds += seconds;
            _sharedPart += seconds / Runs;
        }

        _askedAt = now;
        if (peers is null)
        {
            return;
        }

        peers.Tell(controller.Ceiling);
        Runs = Math.Max(1, peers.Runs);
        _mostRuns = Math.Max(_mostRuns, Runs);
        controller.ShareWith(Runs, peers.Ceiling, now);
    }
}
