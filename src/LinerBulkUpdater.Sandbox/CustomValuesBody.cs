using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// The v2 update's body, checked as Liner would: the integration ids (strings; <c>""</c> or null clears), and
/// <c>customValues</c>, each key a custom field of leads, each value of its type (string; int and float as JSON numbers;
/// date <c>yyyy-MM-dd</c>; datetime ISO 8601 with an offset; bool; select an option's code; multiselect an array of
/// codes; null clears). The v2 update's other fields are left to the v1 update in this sandbox, and refused, saying so.
/// Independent of the client's rules on purpose, as <see cref="LeadUpdateBody"/> is.
/// </summary>
internal static class CustomValuesBody
{
    /// <summary>The values to store under <see cref="SandboxCustomField.StoreKey"/> (their JSON, or null), or the refusal.</summary>
    public static bool TryRead(byte[] body,
        [NotNullWhen(true)] out List<KeyValuePair<string, object?>>? fields,
        [NotNullWhen(false)] out SandboxAnswer? refusal)
    {
        fields = null;
        if (!JsonBody.TryParse(body, out var document, out refusal))
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            var problems = new List<string>();
            var read = new List<KeyValuePair<string, object?>>();
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add("request body must be a JSON object");
            }
            else
            {
                foreach (var property in root.EnumerateObject())
                {
                    if (SandboxFields.IsIntegrationId(property.Name))
                    {
                        ReadIntegrationId(property, read, problems);
                    }
                    else if (property.Name != "customValues")
                    {
                        problems.Add($"{property.Name}: the sandbox's v2 update takes customValues and the integration ids only (send the other fields by the v1 update)");
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Object)
                    {
                        problems.Add("customValues must be an object keyed by custom field id");
                    }
                    else
                    {
                        foreach (var value in property.Value.EnumerateObject())
                        {
                            ReadValue(value, read, problems);
                        }
                    }
                }
            }

            refusal = problems.Count > 0 ? SandboxAnswer.Refused(StatusCodes.Status422UnprocessableEntity, string.Join("; ", problems))
                : read.Count == 0 ? SandboxAnswer.Refused(StatusCodes.Status422UnprocessableEntity, "nothing to update: the body has no integration id and customValues is empty")
                : null;
            fields = refusal is null ? read : null;
            return refusal is null;
        }
    }

    private static void ReadIntegrationId(JsonProperty property, List<KeyValuePair<string, object?>> read, List<string> problems)
    {
        if (read.Exists(field => field.Key == property.Name))
        {
            problems.Add($"field \"{property.Name}\" appears more than once");
            return;
        }

        switch (property.Value.ValueKind)
        {
            // As the v1 fields: "" and null both clear, and the store keeps a cleared field as null.
            case JsonValueKind.Null:
                read.Add(new(property.Name, null));
                break;
            case JsonValueKind.String:
                read.Add(new(property.Name, property.Value.GetString() is { Length: > 0 } text ? text : null));
                break;
            default:
                problems.Add($"{property.Name} must be a string, not {property.Value.GetRawText()}");
                break;
        }
    }

    private static void ReadValue(JsonProperty value, List<KeyValuePair<string, object?>> read, List<string> problems)
    {
        var field = long.TryParse(value.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? SandboxCustomFields.Find(id) : null;
        if (field is null)
        {
            problems.Add($"customValues.{value.Name}: no such custom field");
            return;
        }

        if (field.Essence != "leads")
        {
            problems.Add($"customValues.{value.Name}: custom field {id} is a field of {field.Essence}");
            return;
        }

        var element = value.Value;
        if (element.ValueKind == JsonValueKind.Null)
        {
            read.Add(new(field.StoreKey, null));
            return;
        }

        var codes = field.Options.Select(option => option.Code).ToHashSet(StringComparer.Ordinal);
        var fits = field.Type switch
        {
            "string" => element.ValueKind == JsonValueKind.String,
            "int" => element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out _),
            "float" => element.ValueKind == JsonValueKind.Number,
            "date" => element.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "datetime" => element.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParseExact(element.GetString(), ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                && element.GetString()!.Length > 19,
            "bool" => element.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "select" => element.ValueKind == JsonValueKind.String && codes.Contains(element.GetString()!),
            _ => element.ValueKind == JsonValueKind.Array && element.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String && codes.Contains(item.GetString()!)),
        };
        if (!fits)
        {
            problems.Add($"customValues.{value.Name}: {element.GetRawText()} is not a value of the {field.Type} field '{field.Title}'");
            return;
        }

        // Stored as its JSON, and shown as it came: a client reading it back sees what it sent.
        read.Add(new(field.StoreKey, element.GetRawText()));
    }
}
