using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Planning;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// What <c>check --match-by</c> says of the sweep a run would make (CONTRACT §8): the first page of the lead list read,
/// and from its <c>total</c>, how many leads the sweep covers and what it costs in requests.
/// </summary>
internal static class MatchCheck
{
    /// <returns>The line to print: the range, the leads, the pages, and for <c>external_id</c> the v1 reads.</returns>
    /// <exception cref="UsageException">The first page cannot be read, so a run would stop before any update.</exception>
    public static async Task<string> DescribeAsync(LeadSender sender, AppSettings settings, RunOptions options, DateTimeOffset now)
    {
        var (from, to) = CreatedRange.Read(options.CreatedFrom, options.CreatedTo, settings.Liner.EarliestLead, now, settings.Rules.TimeZone);
        var filter = new LeadListFilter(from, to, [], []);
        var sweep = new LeadListSweep(sender, settings.Liner.LeadListPath, filter);
        LeadPage? first = null;
        await foreach (var page in sweep.PagesAsync())
        {
            first = page;
            break;
        }

        if (sweep.Failure is { } failure)
        {
            throw new UsageException($"--match-by: {failure}; a run would stop before any update");
        }

        var total = first?.Total ?? first?.Leads.Count ?? 0;
        var pages = (total + LeadListFilter.PageSize - 1) / LeadListFilter.PageSize;
        var v1 = LeadFields.Find(options.MatchBy!.Trim()) is { InV1Detail: true } field
            ? $", and {total} v1 detail reads (only the v1 detail shows {field.Name}; at most Liner:MatchByV1Limit, {settings.Liner.MatchByV1Limit})"
            : "";
        var unknown = first?.Total is null && first is not null ? " (Liner gave no total: at least this many)" : "";
        return $"{options.MatchBy}: the sweep covers {total} leads created {filter.Range}{unknown}: about {pages} pages of the lead list{v1}";
    }
}
