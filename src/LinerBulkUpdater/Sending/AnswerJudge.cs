namespace LinerBulkUpdater.Sending;

/// <summary>
/// The one place that decides what an answer means: whether its request is tried again and after how long, what it
/// does to the pace, and whether it stops the run. Pure: the run's state comes in as arguments, the decision goes out
/// as an <see cref="AnswerVerdict"/>, and <see cref="LeadSender"/> and the retry strategy only carry it out.
/// </summary>
/// <remarks>
/// One thing is left to the moment the retry strategy asks: a run stopped by then retries nothing (<see cref="RunStop"/>).
/// </remarks>
internal static class AnswerJudge
{
    /// <summary>Answers in a row, across rows, whose Retry-After is past Sending:MaxDelaySeconds that stop the run: a server-wide "come back later".</summary>
    public const int BeyondInARowStops = 10;

    /// <summary>An open circuit that gives no break left waits this long before asking again.</summary>
    public static readonly TimeSpan OpenCircuitRecheck = TimeSpan.FromSeconds(1);

    /// <param name="answer">What the attempt came to.</param>
    /// <param name="attemptsSoFar">The request's attempts, this one included.</param>
    /// <param name="beyondInARow">Answers in a row beyond Sending:MaxDelaySeconds before this one.</param>
    public static AnswerVerdict Judge(AttemptResult answer, int attemptsSoFar, int beyondInARow, RetryLimits limits)
    {
        // The window is about to be used up: wait for it rather than for the 429s that would follow. Whatever the answer.
        var window = answer.Quota is { Remaining: <= 1 } quota ? limits.Wait.Cap(quota.Reset) : (TimeSpan?)null;
        if (answer.Succeeded)
        {
            return new AnswerVerdict(answer, Retry: false, Delay: null, new PaceEffect(PaceSignal.Accepted, WaitForWindow: window), BeyondInARow: 0, Stop: null);
        }

        if (limits.Wait.IsBeyond(answer))
        {
            // Not within our patience: this row fails now, and nobody else is paused for it (see WaitLimit). Unless Liner
            // says it to everyone: then every row would fail the same way at full speed, so the run stops.
            var inARow = beyondInARow + 1;
            var stop = inARow >= BeyondInARowStops
                ? $"Liner asked {BeyondInARowStops} requests in a row to wait longer than Sending:MaxDelaySeconds ({limits.Wait.Longest.TotalSeconds:0} s) allows; run again later with --resume"
                : null;
            return new AnswerVerdict(limits.Wait.GiveUp(answer), Retry: false, Delay: null, new PaceEffect(PaceSignal.None, WaitForWindow: window), inARow, stop);
        }

        var retryAfter = answer.RetryAfter is { } after ? limits.Wait.Cap(after) : (TimeSpan?)null;
        var retry = IsTransient(answer) && attemptsSoFar < limits.Attempts;
        var pace = answer.HttpStatus == 429
            ? new PaceEffect(PaceSignal.Throttled, retryAfter, window)
            : new PaceEffect(PaceSignal.None, WaitForWindow: window);
        return new AnswerVerdict(answer, retry, retry ? retryAfter : null, pace, BeyondInARow: null,
            IsKeyRefused(answer) ? $"the Liner API refused the API key (HTTP {answer.HttpStatus})" : null);
    }

    /// <summary>The circuit is open, so no request went: wait for it to close, unless the outage has lasted too long.</summary>
    /// <param name="breakLeft">How long the circuit stays open (the breaker's Retry-After), if it says.</param>
    /// <param name="outagePastLimit">Whether the API has been down longer than Sending:OutageLimitSeconds (<see cref="ApiOutage"/>).</param>
    public static AnswerVerdict JudgeOpenCircuit(TimeSpan? breakLeft, bool outagePastLimit, RetryLimits limits) => outagePastLimit
        ? new AnswerVerdict(null, Retry: false, Delay: null, default, BeyondInARow: null,
            $"the Liner API has been down for more than {limits.OutageLimit.TotalMinutes:0.#} min")
        : new AnswerVerdict(null, Retry: true, limits.Wait.Cap(breakLeft ?? OpenCircuitRecheck), default, BeyondInARow: null, Stop: null);

    /// <summary>Worth another attempt: no answer, or an answer that says "later" (408, 429, 500, 502, 503, 504).</summary>
    public static bool IsTransient(AttemptResult result) =>
        !result.Succeeded && result.HttpStatus is null or 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>The key is refused: nothing more will succeed, so the run stops.</summary>
    public static bool IsKeyRefused(AttemptResult result) => result.HttpStatus is 401 or 403;

    /// <summary>What the circuit breaker counts: a sign the API itself is down; a 429 is the API working as meant.</summary>
    public static bool IsApiFailure(AttemptResult result) =>
        !result.Succeeded && result.HttpStatus is null or >= 500;
}

/// <summary>How long the run keeps at a request: attempts per row, the longest wait, and the longest outage waited out.</summary>
/// <param name="Attempts">Sending:Attempts, the first included.</param>
/// <param name="Wait">Sending:MaxDelaySeconds.</param>
/// <param name="OutageLimit">Sending:OutageLimitSeconds.</param>
internal sealed record RetryLimits(int Attempts, WaitLimit Wait, TimeSpan OutageLimit)
{
    public static RetryLimits From(SendingOptions sending) =>
        new(sending.Attempts, new WaitLimit(TimeSpan.FromSeconds(sending.MaxDelaySeconds)), TimeSpan.FromSeconds(sending.OutageLimitSeconds));
}
