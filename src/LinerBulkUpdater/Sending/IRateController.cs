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

    /// <summary>A request was let through to start at <paramref name="now"/>.</summary>
    void Started(long now);

    /// <summary>Liner accepted a request.</summary>
    void Accepted(long now);

    /// <summary>Liner answered 429; no request starts before <paramref name="pausedUntil"/>.</summary>
    /// <param name="pausedUntil">The end of the pause in force, which may be an earlier 429's if that ends later.</param>
    void Throttled(long now, long pausedUntil);
}
