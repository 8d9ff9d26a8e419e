using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sending;
using Serilog;

namespace LinerBulkUpdater.Cli;

/// <summary>Progress while rows are sent: a live status line each second on a terminal, a plain log line every 10 s otherwise.</summary>
internal static class RunProgress
{
    private static readonly TimeSpan Logged = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Shown = TimeSpan.FromSeconds(1);

    /// <returns>The timer that shows it: dispose it when the rows are through.</returns>
    public static ITimer Start(OutcomeCounts counts, int total, PacedRateLimiter limiter, ILogger log, TimeProvider time, LiveLine? live)
    {
        var started = time.GetTimestamp();
        var every = live is null ? Logged : Shown;
        return time.CreateTimer(_ => Show(counts, total, time.GetElapsedTime(started), limiter, log, live), null, every, every);
    }

    private static void Show(OutcomeCounts counts, int total, TimeSpan elapsed, PacedRateLimiter limiter, ILogger log, LiveLine? live)
    {
        var done = counts.Total;
        var rate = done / Math.Max(elapsed.TotalSeconds, 0.001);
        var left = TimeSpan.FromSeconds(rate > 0 ? (total - done) / rate : 0);
        var backoff = (limiter.IsPaused ? "; paused: the API asked us to slow down" : "") + Pace(limiter);
        if (live is not null)
        {
            live.Show(FormattableString.Invariant($"{done} of {total} rows ({100.0 * done / Math.Max(total, 1):0}%), {rate:0.0} rows/s, about {left:hh\\:mm\\:ss} left; {counts}{backoff}"));
            return;
        }

        log.Information(
            "Progress: {Done} of {Total} rows, {Rate:0.0} rows/s, about {Left:hh\\:mm\\:ss} left; {Counts}{Backoff}",
            done, total, rate, left, counts.ToString(), backoff);
    }

    /// <summary>
    /// The same figures, each second, as values for a watcher that shows them its own way (the page of <c>liner-bulk ui</c>);
    /// null when there is none.
    /// </summary>
    /// <returns>The timer: dispose it when the rows are through.</returns>
    public static ITimer? Watch(OutcomeCounts counts, int total, PacedRateLimiter limiter, TimeProvider time, Action<ProgressFacts>? watch)
    {
        if (watch is null)
        {
            return null;
        }

        var started = time.GetTimestamp();
        return time.CreateTimer(_ => watch(ProgressFacts.Of(counts, total, time.GetElapsedTime(started), limiter)), null, TimeSpan.Zero, Shown);
    }

    /// <summary>
    /// e.g. <c>; pace 9.9/s, Liner's limit about 20/s, shared with 1 other run on this machine (this run's part 50%)</c>:
    /// the limit once 429s showed one (or another run found it), the sharing while another run uses the key.
    /// </summary>
    private static string Pace(PacedRateLimiter limiter)
    {
        var pace = limiter.Ceiling is { } ceiling
            ? FormattableString.Invariant($"; pace {limiter.CurrentRate:0.0}/s, Liner's limit about {ceiling:0.#}/s")
            : "";
        var (sharing, runs, outside) = limiter.Sharing;
        var others = runs - 1;
        var here = others < 1 ? pace
            : FormattableString.Invariant($"{(pace.Length > 0 ? pace + ", shared" : "; the key shared")} with {others} other run{(others == 1 ? "" : "s")} on this machine (this run's part {100.0 / (others + 1):0}%)");
        return outside && sharing.SharedOutside
            ? FormattableString.Invariant($"{here}; Liner's 429s show someone else on the key too (this run's part of the limit about {sharing.OutsideShare * 100:0}%)")
            : here;
    }
}
