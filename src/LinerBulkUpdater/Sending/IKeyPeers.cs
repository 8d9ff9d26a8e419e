namespace LinerBulkUpdater.Sending;

/// <summary>
/// The runs on this machine that use the same Liner key (and base URL) now, as they tell each other: so that they split
/// the key's pace evenly from the start instead of spending 429s to find each other. Runs on other machines are not
/// here; they are met through Liner's answers alone.
/// </summary>
/// <remarks>Read and told from under the limiter's lock: implementations answer from memory, never wait on a file.</remarks>
internal interface IKeyPeers
{
    /// <summary>Runs using the key now, this one included (1: alone).</summary>
    int Runs { get; }

    /// <summary>Liner's limit for the key as another run found it, requests per second; null while none did.</summary>
    double? Ceiling { get; }

    /// <summary>What this run found of the limit, for the others to read (null: nothing yet).</summary>
    void Tell(double? ceiling);
}

/// <summary>How a run shared the key's limit, for the progress line and the summary.</summary>
/// <param name="MostRuns">The most runs on this machine that used the key at once, this one included.</param>
/// <param name="SharedSeconds">How long it shared the key with at least one other run on this machine.</param>
/// <param name="Share">This run's part of the key's pace while it shared it, on average over that time (1 when it never did).</param>
/// <param name="OutsideSeconds">How long Liner's answers said someone else used the key too (another machine, another integration).</param>
/// <param name="OutsideShare">This run's part of Liner's limit meanwhile, as far as it could tell (1 when never).</param>
internal readonly record struct KeySharing(int MostRuns, double SharedSeconds, double Share, double OutsideSeconds, double OutsideShare)
{
    public static readonly KeySharing Alone = new(1, 0, 1, 0, 1);

    public bool Shared => MostRuns > 1;

    public bool SharedOutside => OutsideSeconds > 0;
}
