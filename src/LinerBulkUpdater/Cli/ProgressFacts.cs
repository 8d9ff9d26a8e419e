using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Cli;

/// <summary>Where a run is: rows done of all, outcomes so far, pace, Liner's limit as found, time left.</summary>
/// <param name="Outcomes">Rows per outcome so far, by report name.</param>
/// <param name="LimitFound">Liner's rate limit as the 429s showed it, requests per second; null until they do.</param>
internal sealed record ProgressFacts(int Done, int Total, double RowsPerSecond, TimeSpan Left, IReadOnlyDictionary<string, int> Outcomes, double? LimitFound, bool Paused)
{
    public static ProgressFacts Of(OutcomeCounts counts, int total, TimeSpan elapsed, PacedRateLimiter limiter)
    {
        var done = counts.Total;
        var rate = done / Math.Max(elapsed.TotalSeconds, 0.001);
        return new(
            done,
            total,
            rate,
            TimeSpan.FromSeconds(rate > 0 ? (total - done) / rate : 0),
            Enum.GetValues<Outcome>().ToDictionary(outcome => outcome.ToReportName(), outcome => counts[outcome]),
            limiter.Ceiling,
            limiter.IsPaused);
    }
}
