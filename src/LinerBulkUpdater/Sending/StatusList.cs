using System.Text.Json;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Sending;

/// <summary>Liner's lead-status list (<c>GET Liner:StatusListPath</c>), read once (see <see cref="ListRead"/>).</summary>
internal static class StatusList
{
    private static readonly string[] Spellings = ["/v2/lead-status/", "/v2/lead-statuses/"];

    /// <param name="sender">The run's pipeline: a read like any other request.</param>
    /// <exception cref="UsageException">The list could not be read: nothing has been sent.</exception>
    public static async Task<IReadOnlyList<LeadStatus>> ReadAsync(LeadSender sender, string path)
    {
        var (data, _) = await ListRead.ReadAsync(sender, path, Spellings, "lead-status list", "check Liner:StatusListPath, or write status ids");
        return Parse(data);
    }

    /// <summary>The documented item shape: <c>id</c>, <c>code</c>, <c>title</c>, <c>category</c> (more fields are ignored).</summary>
    public static IReadOnlyList<LeadStatus> Parse(JsonElement data)
    {
        var statuses = new List<LeadStatus>();
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && ListRead.Id(id) is { } number)
            {
                statuses.Add(new LeadStatus(number, ListRead.Text(item, "code"), ListRead.Text(item, "title"), ListRead.Text(item, "category")));
            }
        }

        return statuses;
    }
}
