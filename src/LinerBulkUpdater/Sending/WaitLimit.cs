using System.Globalization;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// <c>Sending:MaxDelaySeconds</c>: the longest any single wait of the run may be, and what a server's
/// Retry-After beyond it means.
/// </summary>
/// <remarks>
/// A Retry-After past the limit says the server will not take this row within the patience the user
/// set. Waiting anyway would break the promise of the setting (and hold every worker for as long, an
/// hour at 3 a.m. for a 3600); retrying at the limit would only be refused again and spend attempts. So
/// that row fails at once, saying so, and the others go on unpaused: the report shows what to send
/// again later, and a user who wants the wait raises the setting.
/// </remarks>
internal sealed class WaitLimit(TimeSpan longest)
{
    public TimeSpan Longest => longest;

    /// <summary><paramref name="wait"/>, but never less than nothing nor more than <see cref="Longest"/>.</summary>
    public TimeSpan Cap(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > longest ? longest : wait;

    /// <summary>An answer that would be retried, but only after longer than the limit allows.</summary>
    public bool IsBeyond(AttemptResult result) => AnswerJudge.IsTransient(result) && result.RetryAfter > longest;

    /// <summary><paramref name="result"/> as the row's final answer: the server's words, its Retry-After and the limit.</summary>
    public AttemptResult GiveUp(AttemptResult result) => result with
    {
        Error = $"{result.Error}; Liner asked to retry after {Describe(result.RetryAfter!.Value)} (Retry-After), "
            + $"more than Sending:MaxDelaySeconds ({longest.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s) allows: not retried, send the row again later",
    };

    // TimeSpan.MaxValue stands for any count of seconds it cannot hold.
    private static string Describe(TimeSpan wait) => wait == TimeSpan.MaxValue
        ? $"more than {Math.Floor(wait.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)} s"
        : $"{Math.Ceiling(wait.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)} s";
}
