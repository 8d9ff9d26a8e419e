using System.ComponentModel.DataAnnotations;

namespace LinerBulkUpdater.Sending;

/// <summary>How hard to push: the <c>Sending</c> settings section (and <c>--rps</c>, <c>--concurrency</c>).</summary>
internal sealed class SendingOptions
{
    public const string Section = "Sending";

    /// <summary>The most <see cref="MaxDelaySeconds"/> may be: also the longest pause the rate limiter takes from anyone.</summary>
    public const int LongestDelaySeconds = 3600;

    /// <summary>Requests that may start in any 1 s window, retries included; 0 means no limit.</summary>
    [Range(0, 100_000)]
    public int Rps { get; init; } = 10;

    /// <summary>Requests in flight at most.</summary>
    [Range(1, 1024)]
    public int Concurrency { get; init; } = 8;

    /// <summary>Attempts per row, the first included, for answers that say "later" and for network errors.</summary>
    [Range(1, 100)]
    public int Attempts { get; init; } = 5;

    /// <summary>The first back-off; each next one about doubles, with jitter.</summary>
    [Range(1, 600_000)]
    public int RetryDelayMs { get; init; } = 1000;

    /// <summary>The longest any single wait may be, a server's Retry-After included.</summary>
    [Range(1, LongestDelaySeconds)]
    public int MaxDelaySeconds { get; init; } = 300;

    /// <summary>How long the circuit breaker keeps requests off an API that keeps failing, before it tries again.</summary>
    [Range(1, 3600)]
    public int BreakSeconds { get; init; } = 15;

    /// <summary>An API down longer than this stops the run (exit 3); a shorter outage is waited out.</summary>
    [Range(1, 86_400)]
    public int OutageLimitSeconds { get; init; } = 300;

    /// <summary>
    /// Whether runs on this machine that use the same key split its pace evenly through a small file each beside the
    /// locks (<see cref="Operating.KeyPaceFiles"/>); off, they find each other through Liner's 429s alone, as runs on
    /// two machines do.
    /// </summary>
    public bool CoordinateLocally { get; init; } = true;

    /// <summary>After Ctrl+C, how long requests in flight may take to finish before they are cut.</summary>
    [Range(0, 3600)]
    public int GraceSeconds { get; init; } = 30;
}
