namespace LinerBulkUpdater.Sending;

/// <summary>The policy decisions about an answer, in one place.</summary>
internal static class AnswerPolicy
{
    /// <summary>Worth another attempt: no answer, or an answer that says "later" (408, 429, 500, 502, 503, 504).</summary>
    public static bool IsTransient(AttemptResult result) =>
        !result.Succeeded && result.HttpStatus is null or 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>The key is refused: nothing more will succeed, so the run stops.</summary>
    public static bool IsKeyRefused(AttemptResult result) => result.HttpStatus is 401 or 403;

    /// <summary>A sign the API itself is down (feeds the circuit breaker); a 429 is the API working as meant.</summary>
    public static bool IsApiFailure(AttemptResult result) =>
        !result.Succeeded && result.HttpStatus is null or >= 500;
}
