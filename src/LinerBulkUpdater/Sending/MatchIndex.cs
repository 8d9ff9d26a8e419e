using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Planning;
using Serilog;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// A <c>--match-by</c> run's one sweep (CONTRACT §8): made before the first file's first update, kept for every file of
/// a folder run. The range is fixed when the sweep starts: <c>--created-to</c> defaults to that moment, so leads created
/// meanwhile cannot shift its pages.
/// </summary>
internal sealed class MatchIndex(AppSettings settings, ILogger log, TimeProvider time, LiveLine? live)
{
    private (LeadIndex? Leads, string? Unavailable)? _swept;

    /// <returns>The index, or why the sweep did not finish (then no row is sent, and the run ends stopped).</returns>
    /// <exception cref="UsageException">Liner cannot be opened, the range is wrong, or the sweep would cost too much.</exception>
    public async Task<(LeadIndex? Leads, string? Unavailable)> GetAsync(RunOptions options, MatchKey key, FieldRules rules, LinerConnection liner)
    {
        if (_swept is { } swept)
        {
            return swept;
        }

        var (from, to) = CreatedRange.Read(options.CreatedFrom, options.CreatedTo, settings.Liner.EarliestLead, time.GetUtcNow(), settings.Rules.TimeZone);
        var filter = new LeadListFilter(from, to, [], []);
        var sender = await liner.OpenAsync($"--match-by sweeps Liner's lead list to find each row's lead by {key.Field.Name}");
        log.Information("Sweeping Liner's lead list, leads created {Range}, to find each row's lead by {Key}", filter.Range, key.Field.Name);
        var (progress, timer) = SweepProgress.Start("indexed", log, time, live);
        (LeadIndex? Leads, string? Unavailable) result;
        await using (timer)
        {
            var (index, failure) = await LeadIndexSweep.BuildAsync(sender, settings.Liner, settings.Sending.Concurrency, filter, key, rules, progress);
            result = (index, failure is null ? null : $"the sweep of Liner's lead list did not finish: {failure}");
        }

        live?.Clear();
        if (result.Leads is { } leads)
        {
            log.Information("Indexed {Leads} leads by {Key} ({Keys} keys) in {Seconds:0.0} s, {Pages} pages", leads.Leads, key.Field.Name, leads.Keys, progress.Elapsed.TotalSeconds, progress.Pages);
        }
        else
        {
            log.Error("No row is sent: {Why}", result.Unavailable);
        }

        _swept = result;
        return result;
    }
}
