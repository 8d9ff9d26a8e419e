using System.Text.Json;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// Liner's lead-status list (<c>GET Liner:StatusListPath</c>), read once. Liner's docs give the path two ways
/// (<c>/v2/lead-status/</c> in the heading, <c>/v2/lead-statuses/</c> in every example), so a 404 on one tries the other.
/// </summary>
internal static class StatusList
{
    private static readonly string[] Spellings = ["/v2/lead-status/", "/v2/lead-statuses/"];

    /// <param name="sender">The run's pipeline: a read like any other request.</param>
    /// <exception cref="UsageException">The list could not be read: nothing has been sent.</exception>
    public static async Task<IReadOnlyList<LeadStatus>> ReadAsync(LeadSender sender, string path)
    {
        // No lead: 0 only names the request in the sender's log lines.
        var answer = await sender.ReadAsync(0, path);
        if (answer.HttpStatus == 404 && Other(path) is { } other)
        {
            var second = await sender.ReadAsync(0, other);
            (path, answer) = second.HttpStatus == 404 ? (path, answer) : (other, second);
        }

        if (answer.Outcome != Outcome.Updated)
        {
            throw new UsageException(
                $"Liner's lead-status list could not be read from {path} ({(answer.HttpStatus is { } status ? $"HTTP {status}: " : "")}{answer.Error}); check Liner:StatusListPath, or write status ids");
        }

        return Parse(answer.Data!.Value, path);
    }

    /// <summary>The documented item shape: <c>id</c>, <c>code</c>, <c>title</c>, <c>category</c> (more fields are ignored).</summary>
    public static IReadOnlyList<LeadStatus> Parse(JsonElement data, string path)
    {
        if (data.ValueKind != JsonValueKind.Array)
        {
            throw new UsageException($"Liner's lead-status list from {path} is not a list (its data is {data.ValueKind.ToString().ToLowerInvariant()})");
        }

        var statuses = new List<LeadStatus>();
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && Id(id) is { } number)
            {
                statuses.Add(new LeadStatus(number, Text(item, "code"), Text(item, "title"), Text(item, "category")));
            }
        }

        return statuses;
    }

    private static string? Other(string path)
    {
        var index = Array.FindIndex(Spellings, spelling => string.Equals(spelling.TrimEnd('/'), path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : Spellings[1 - index];
    }

    private static long? Id(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.Number when id.TryGetInt64(out var number) => number,
        JsonValueKind.Number when id.TryGetDouble(out var real) && real == Math.Floor(real) && Math.Abs(real) < 1e15 => (long)real,
        JsonValueKind.String when long.TryParse(id.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";
}
