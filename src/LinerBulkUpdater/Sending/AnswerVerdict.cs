namespace LinerBulkUpdater.Sending;

/// <summary>
/// What the run does about one answer (or about the open circuit that refused to send): decided by
/// <see cref="AnswerJudge"/>, carried out by <see cref="LeadSender"/> and the retry strategy of <see cref="LeadPipeline"/>.
/// </summary>
/// <param name="Answer">The answer as the row reports it (one beyond Sending:MaxDelaySeconds says so); null when no request went.</param>
/// <param name="Retry">Whether the request goes again, unless the run has stopped by the time the retry strategy asks.</param>
/// <param name="Delay">How long before it does: Liner's Retry-After or the circuit's break, capped; null for the back-off.</param>
/// <param name="Pace">What the answer tells the rate limiter.</param>
/// <param name="BeyondInARow">Answers in a row, across rows, whose Retry-After is past Sending:MaxDelaySeconds, this one counted; null: unchanged.</param>
/// <param name="Stop">Why the run stops, when it does.</param>
internal sealed record AnswerVerdict(AttemptResult? Answer, bool Retry, TimeSpan? Delay, PaceEffect Pace, int? BeyondInARow, string? Stop);

/// <summary>What an answer says about Liner's limit.</summary>
internal enum PaceSignal
{
    /// <summary>Nothing: an answer that is neither an acceptance nor a 429 the run waits for.</summary>
    None,

    /// <summary>Liner took the request.</summary>
    Accepted,

    /// <summary>Liner answered 429: the controller may slow the pace, and hold every start back for a while.</summary>
    Throttled,
}

/// <summary>What one answer does to the pace (<see cref="PacedRateLimiter.Apply"/>).</summary>
/// <param name="RetryAfter">With <see cref="PaceSignal.Throttled"/>: the 429's Retry-After, capped at Sending:MaxDelaySeconds; null without one.</param>
/// <param name="WaitForWindow">Liner's rate-limit headers say its window is (about to be) used up: no start for this long, capped.</param>
internal readonly record struct PaceEffect(PaceSignal Signal, TimeSpan? RetryAfter = null, TimeSpan? WaitForWindow = null);
