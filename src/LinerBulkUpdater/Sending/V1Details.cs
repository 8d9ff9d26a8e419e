using System.Text.Json;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// The v1 details of a page of leads, read side by side (at most <c>concurrency</c> at once), for what only the v1 detail
/// shows: <c>campaign_id</c> and <c>external_id</c> (an export's <c>--v1-fields</c>, <c>--match-by external_id</c>).
/// </summary>
internal static class V1Details
{
    /// <returns>The details in the page's order; or why one could not be read (what it holds would be lost, so the caller stops).</returns>
    public static async Task<(JsonElement?[] Details, string? Failure)> ReadAsync(LeadSender sender, IReadOnlyList<JsonElement> leads, int concurrency)
    {
        var details = new JsonElement?[leads.Count];
        string? failure = null;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency) };
        await Parallel.ForEachAsync(Enumerable.Range(0, leads.Count), options, async (i, _) =>
        {
            var id = leads[i].TryGetProperty("id", out var element) ? ListRead.Id(element) : null;
            if (id is not { } leadId)
            {
                failure ??= "a lead of the list has no id";
                return;
            }

            var read = await sender.ReadLeadAsync(leadId, v1: true);
            if (read.Outcome == ReadOutcome.Read)
            {
                details[i] = read.Data;
            }
            else
            {
                failure ??= $"lead {leadId}'s v1 detail could not be read ({read.Said})";
            }
        });
        return (details, failure);
    }
}
