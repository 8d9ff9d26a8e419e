using System.Text.Json;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// One of Liner's whole lists (statuses, custom fields), read once through the run's pipeline. Liner's docs spell these
/// paths two ways (<c>/v2/lead-status/</c> in a heading, <c>/v2/lead-statuses/</c> in every example), so a 404 on the
/// configured one tries the other spelling.
/// </summary>
internal static class ListRead
{
    /// <param name="spellings">The documented spellings of the path, singular first.</param>
    /// <param name="what">The list, for the message: <c>lead-status list</c>.</param>
    /// <param name="remedy">What to do when it cannot be read: <c>check Liner:StatusListPath, or write status ids</c>.</param>
    /// <returns>The answer's <c>data</c>, an array.</returns>
    /// <exception cref="UsageException">The list could not be read: nothing has been sent.</exception>
    public static async Task<(JsonElement Data, string Path)> ReadAsync(LeadSender sender, string path, string[] spellings, string what, string remedy)
    {
        // No lead: 0 only names the request in the sender's log lines.
        var answer = await sender.ReadAsync(0, path);
        if (answer.HttpStatus == 404 && Other(path, spellings) is { } other)
        {
            var second = await sender.ReadAsync(0, other);
            (path, answer) = second.HttpStatus == 404 ? (path, answer) : (other, second);
        }

        if (answer.Outcome != ReadOutcome.Read)
        {
            throw new UsageException(
                $"Liner's {what} could not be read from {path} ({(answer.HttpStatus is { } status ? $"HTTP {status}: " : "")}{answer.Error}); {remedy}");
        }

        var data = answer.Data!.Value;
        if (data.ValueKind != JsonValueKind.Array)
        {
            throw new UsageException($"Liner's {what} from {path} is not a list (its data is {data.ValueKind.ToString().ToLowerInvariant()})");
        }

        return (data, path);
    }

    /// <summary>An id as Liner may write it: a number, a whole float, or digits in a string.</summary>
    public static long? Id(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.Number when id.TryGetInt64(out var number) => number,
        JsonValueKind.Number when id.TryGetDouble(out var real) && real == Math.Floor(real) && Math.Abs(real) < 1e15 => (long)real,
        JsonValueKind.String when long.TryParse(id.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    /// <summary>A string property, trimmed; "" when absent or not a string.</summary>
    public static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";

    private static string? Other(string path, string[] spellings)
    {
        var bare = path.Split('?')[0].TrimEnd('/');
        var index = Array.FindIndex(spellings, spelling => string.Equals(spelling.TrimEnd('/'), bare, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : spellings[1 - index] + (path.Contains('?') ? path[path.IndexOf('?')..] : "");
    }
}
