using System.Text.Json;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// Liner's custom fields (<c>GET Liner:CustomFieldListPath</c>), of leads and orders both, read once (see
/// <see cref="ListRead"/>). A field of a type this tool does not know is left out: no column can map to it, and the
/// message for such a column says it matches nothing.
/// </summary>
internal static class CustomFieldList
{
    private static readonly string[] Spellings = ["/v2/custom-field/", "/v2/custom-fields/"];

    /// <exception cref="UsageException">The list could not be read: nothing has been sent.</exception>
    public static async Task<CustomFields> ReadAsync(LeadSender sender, string path)
    {
        var (data, _) = await ListRead.ReadAsync(sender, path, Spellings, "custom-field list", "check Liner:CustomFieldListPath, or take the column out");
        return new CustomFields(Parse(data));
    }

    /// <summary>The documented item shape: <c>id</c>, <c>title</c>, <c>type</c>, <c>essence</c>, <c>params</c> (code, sort, title), <c>sort</c>.</summary>
    public static IReadOnlyList<CustomField> Parse(JsonElement data)
    {
        var fields = new List<(CustomField Field, long Sort)>();
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id) || ListRead.Id(id) is not { } number
                || CustomFieldType.Find(ListRead.Text(item, "type")) is not { } type)
            {
                continue;
            }

            var options = new List<CustomFieldOption>();
            if (item.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
            {
                foreach (var option in parameters.EnumerateArray())
                {
                    if (option.ValueKind == JsonValueKind.Object && Code(option) is { Length: > 0 } code)
                    {
                        options.Add(new CustomFieldOption(code, ListRead.Text(option, "title") is { Length: > 0 } title ? title : code, Sort(option)));
                    }
                }
            }

            fields.Add((new CustomField(number, ListRead.Text(item, "title"), type, ListRead.Text(item, "essence"), [.. options.OrderBy(option => option.Sort)]), Sort(item)));
        }

        return [.. fields.OrderBy(field => field.Sort).Select(field => field.Field)];
    }

    /// <summary>An option's code: a string, or a number written as one (as a customValues value it is compared as text).</summary>
    private static string Code(JsonElement option) =>
        option.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetRawText() : ListRead.Text(option, "code");

    private static long Sort(JsonElement item) => item.TryGetProperty("sort", out var sort) && ListRead.Id(sort) is { } number ? number : 0;
}
