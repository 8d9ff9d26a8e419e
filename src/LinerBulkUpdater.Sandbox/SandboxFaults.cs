using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// Misbehaviour at random or under load, for the client's resilience tests (per-lead scripted faults
/// are <see cref="SandboxOptions.Script"/>). Everything off by default: the sandbox is a healthy Liner.
/// Shares apply to update requests, and to reads too with <see cref="OnReads"/>; one draw per request
/// picks at most one of them.
/// </summary>
public sealed class SandboxFaults : IValidatableObject
{
    /// <summary>Longest stall or Retry-After accepted: the same ten minutes as <see cref="SandboxOptions.LatencyMs"/>.</summary>
    public const int MaxSeconds = 600;

    /// <summary>Share of update requests answered 429 with <c>Retry-After: </c><see cref="RetryAfterSeconds"/>.</summary>
    [Range(0.0, 1.0)]
    public double Share429 { get; set; }

    /// <summary>Share answered 503 without Retry-After: an overloaded upstream the client should retry.</summary>
    [Range(0.0, 1.0)]
    public double Share5xx { get; set; }

    /// <summary>Share whose connection is cut with no answer at all: the client sees a network error.</summary>
    [Range(0.0, 1.0)]
    public double ShareDrop { get; set; }

    /// <summary>Share that wait <see cref="StallSeconds"/> before answering normally: past the client's timeout.</summary>
    [Range(0.0, 1.0)]
    public double ShareStall { get; set; }

    /// <summary>How long a stall lasts (also the default of a scripted <c>stall</c>). Above Liner's documented 15 s timeout.</summary>
    [Range(0, MaxSeconds)]
    public int StallSeconds { get; set; } = 20;

    /// <summary>Retry-After of a random 429 (also the default of a scripted <c>429</c>), whole seconds.</summary>
    [Range(0, MaxSeconds)]
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// Whether the random shares apply to reads (lead details, the status list) as well as updates.
    /// Off by default, so a run's seeded faults land on the same updates whether or not it reads first.
    /// </summary>
    public bool OnReads { get; set; }

    /// <summary>
    /// Above 0: the server's own limit in requests per second, updates and reads alike (Liner counts
    /// every call; health checks are not counted), as a token bucket holding max(1, RateLimit) tokens, starting full. Over it: 429 with Retry-After in whole seconds, at least 1.
    /// </summary>
    [Range(0.0, 1_000_000.0)]
    public double RateLimit { get; set; }

    /// <summary>
    /// When set, the server's limit instead of <see cref="RateLimit"/>: at most L accepted requests in any sliding 1 s
    /// window (refused ones do not count), L following the schedule, e.g. <c>10, 4@30, 10@60</c> (10/s from the first
    /// request, 4/s from 30 s after it, 10/s from 60 s). Counts updates and reads, like <see cref="RateLimit"/>.
    /// </summary>
    public string? RateLimitSchedule { get; set; }

    /// <summary>Whether the rate limit's 429s say Retry-After (true, as most gateways do); false: a bare 429.</summary>
    public bool RateLimitRetryAfter { get; set; } = true;

    /// <summary>
    /// Above 0: the key works for this many update requests, then every request, reads and health
    /// checks included, is answered 401 "API key revoked" (a key rotated in the middle of a run).
    /// Reads and health checks only look: they do not use the key up.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int RejectKeyAfter { get; set; }

    /// <summary>
    /// Makes the random draws reproducible. The draws are taken in arrival order, so with concurrent
    /// requests the counts repeat but which request gets which fault may not.
    /// </summary>
    public int? Seed { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RateLimitSchedule is { } schedule && SlidingWindowLimit.Parse(schedule, out var problem) is null)
        {
            yield return new ValidationResult($"RateLimitSchedule: {problem}", [nameof(RateLimitSchedule)]);
        }

        // One draw picks at most one fault, so the shares split one interval and cannot exceed it.
        var total = Share429 + Share5xx + ShareDrop + ShareStall;
        if (total > 1.0 + 1e-9)
        {
            yield return new ValidationResult(
                $"Share429 + Share5xx + ShareDrop + ShareStall must be at most 1, not {total.ToString(CultureInfo.InvariantCulture)}",
                [nameof(Share429), nameof(Share5xx), nameof(ShareDrop), nameof(ShareStall)]);
        }
    }
}
