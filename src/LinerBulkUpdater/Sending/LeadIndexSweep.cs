using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// Builds a <c>--match-by</c> run's <see cref="LeadIndex"/>: one sweep of the lead list (<see cref="LeadListSweep"/>),
/// each lead's key read from what the list shows (or, for <c>external_id</c>, from its v1 detail) by the key's own rule.
/// A lead with no value for the key is not indexed: an empty key finds nothing.
/// </summary>
internal static class LeadIndexSweep
{
    /// <returns>The index; or why the sweep could not finish.</returns>
    /// <exception cref="UsageException">The key is <c>external_id</c> and the range holds more leads than <c>Liner:MatchByV1Limit</c>.</exception>
    public static async Task<(LeadIndex? Index, string? Failure)> BuildAsync(
        LeadSender sender, LinerOptions liner, int concurrency, LeadListFilter filter, MatchKey key, FieldRules rules, SweepProgress progress)
    {
        var index = new LeadIndex();
        var linerRules = rules.ForLiner();
        var sweep = new LeadListSweep(sender, liner.LeadListPath, filter);
        await foreach (var page in sweep.PagesAsync())
        {
            if (key.ReadsV1 && page.Offset == 0 && (page.Total ?? page.Leads.Count) > liner.MatchByV1Limit)
            {
                throw new UsageException(
                    $"--match-by {key.Field.Name} reads each lead's v1 detail (only it shows {key.Field.Name}): the {page.Total} leads created {filter.Range} " +
                    $"would cost {page.Total} more requests, over Liner:MatchByV1Limit ({liner.MatchByV1Limit}); narrow the range with --created-from and --created-to");
            }

            if (page.Offset == 0 && page.Total is { } total)
            {
                index.Expect(total);
            }

            var v1 = key.ReadsV1 ? await V1Details.ReadAsync(sender, page.Leads, concurrency) : default;
            if (v1.Failure is { } failed)
            {
                return (null, failed);
            }

            for (var i = 0; i < page.Leads.Count; i++)
            {
                var lead = page.Leads[i];
                if (lead.TryGetProperty("id", out var id) && ListRead.Id(id) is { } leadId
                    && key.OfLiner(key.Field.HeldText(lead, v1.Details?[i]), linerRules) is { } text)
                {
                    index.Add(text, leadId);
                }
            }

            progress.Count(page.Leads.Count, page.Total);
        }

        return sweep.Failure is { } failure ? (null, failure) : (index, null);
    }
}
