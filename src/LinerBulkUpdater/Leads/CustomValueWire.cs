using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// How custom values travel, in one place, since Liner's docs show only a string (<c>"10": "example value"</c>):
/// string, select and dates as JSON strings (a date <c>2026-12-01</c>, a date-time <c>2026-12-01T07:00:00Z</c>, as the
/// docs write <c>planningCallDateTime</c>), int and float as JSON numbers, bool as <c>true</c>/<c>false</c>, a
/// multiselect as an array of option codes, a cleared value as <c>null</c>. Liner's answers are read leniently: a
/// number or bool written as a string, a multiselect as one <c>;</c>-separated string, read as the cell rules would.
/// </summary>
internal static class CustomValueWire
{
    /// <summary>The value's JSON; <paramref name="appendString"/> escapes text as the rest of the body does.</summary>
    public static void Append(StringBuilder json, FieldValue value, Action<StringBuilder, string> appendString)
    {
        var type = value.Field.Custom!.Type;
        if (value is { Number: { } number })
        {
            json.Append(number.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.Text is not { Length: > 0 } text)
        {
            json.Append("null");
        }
        else if (type is CustomFieldType.Float or CustomFieldType.Bool)
        {
            // Canonical already: digits with at most one point, or true/false.
            json.Append(text);
        }
        else if (type == CustomFieldType.MultiSelect)
        {
            json.Append('[');
            var first = true;
            foreach (var code in text.Split(';'))
            {
                json.Append(first ? "" : ",");
                appendString(json, code);
                first = false;
            }

            json.Append(']');
        }
        else
        {
            appendString(json, text);
        }
    }

    /// <summary>
    /// A value of Liner's <c>customValues</c> as cell text, for the rules to read: "" for null or an empty array; null
    /// for a shape no custom value has (an object), which compares as different from anything.
    /// </summary>
    public static string? Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!.Trim(),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        JsonValueKind.Array when element.EnumerateArray().All(item => item.ValueKind is JsonValueKind.String or JsonValueKind.Number) =>
            string.Join(';', element.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Number ? item.GetRawText() : item.GetString()!.Trim())),
        _ => null,
    };
}
