namespace LinerBulkUpdater.Sending;

/// <summary>
/// Decides the pace of the run from how Liner answers: what it accepts, and when it says 429.
/// The <see cref="StartSchedule"/> keeps the starts to that pace and to the hard cap of N a second,
/// so a controller can be as bold as it likes without ever breaking <c>--rps</c>.
/// </summary>
/// <remarks>
/// Times are <see cref="TimeProvider.GetTimestamp"/> values. The limiter makes one call at a time,
/// under its lock, so a controller needs no locking of its own.
/// </remarks>
internal interface IRateController
{
    /// <summary>The pace now, in requests per second; 0: no limit.</summary>
    double Rate { get; }

    /// <summary>This run's part of <see cref="Rate"/>, when runs on this machine split the key's pace; 0: no limit.</summary>
    double Pace => Rate;

    /// <summary>Liner's limit as found from its 429s, requests per second; null while none is known.</summary>
    double? Ceiling { get; }

    /// <summary>429s answered so far.</summary>
    int Throttles { get; }

    /// <summary>A request was let through to start at <paramref name="now"/>.</summary>
    void Started(long now);

    /// <summary>Liner accepted the request that started at <paramref name="startedAt"/>; its answer came <paramref name="now"/>.</summary>
    /// <remarks>
    /// Counted by when requests started, not when their answers came: when a 429 comes, the requests that started before
    /// it have mostly been answered, so the count of those accepted in the second before is what Liner's window held.
    /// </remarks>
    void Accepted(long startedAt, long now);

    /// <summary>Liner answered 429 to the request that started at <paramref name="startedAt"/>.</summary>
    /// <param name="retryAfter">Its Retry-After, in timestamp ticks (capped by Sending:MaxDelaySeconds); null without one.</param>
    /// <returns>Until when no request at all may start; at or before <paramref name="now"/>: only the refused request waits.</returns>
    long Throttled(long now, long startedAt, long? retryAfter);

    /// <summary>
    /// <paramref name="runs"/> runs on this machine (this one included) use the key now and split its pace evenly; one
    /// of them found Liner's limit at <paramref name="ceiling"/> requests per second (null: none did).
    /// </summary>
    void ShareWith(int runs, double? ceiling, long now)
    {
    }

    /// <summary>
    /// How long Liner's answers showed someone this run cannot see using the key too (a run on another machine, another
    /// integration), and this run's part of the limit meanwhile; null while they did not.
    /// </summary>
    KeyUseOutside? SharedOutside(long now) => null;
}
