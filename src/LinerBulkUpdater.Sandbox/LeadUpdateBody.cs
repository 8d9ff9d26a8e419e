using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// Liner's rules for an update body, as the API applies them. Kept apart from the client's own
/// field model (Leads/) on purpose: an independent copy is what catches the client's mistakes.
/// </summary>
internal static class LeadUpdateBody
{
    /// <summary>The fields to store (a cleared field as null), or the refusal Liner would answer.</summary>
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
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                refusal = SandboxAnswer.Refused(StatusCodes.Status400BadRequest,
                    $"request body must be a JSON object, not {Describe(document.RootElement)}");
                return false;
            }

            var read = new List<KeyValuePair<string, object?>>();
            var problems = new List<string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                ReadField(property, read, problems);
            }

            refusal = problems.Count > 0
                ? SandboxAnswer.Refused(StatusCodes.Status422UnprocessableEntity, string.Join("; ", problems))
                : read.Count == 0
                    ? SandboxAnswer.Refused(StatusCodes.Status422UnprocessableEntity, "nothing to update: the body has no fields")
                    : null;
            fields = refusal is null ? read : null;
            return refusal is null;
        }
    }

    private static void ReadField(JsonProperty property, List<KeyValuePair<string, object?>> read, List<string> problems)
    {
        var name = property.Name;
        var value = property.Value;
        // A duplicate is legal JSON but means the client built its body wrongly; refuse rather
        // than silently keep one of the two values.
        if (read.Exists(field => field.Key == name))
        {
            problems.Add($"field \"{name}\" appears more than once");
            return;
        }

        if (SandboxFields.Text.Contains(name))
        {
            if (value.ValueKind is JsonValueKind.String or JsonValueKind.Null)
            {
                read.Add(new(name, value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null));
            }
            else
            {
                problems.Add($"{name} must be a string or null, not {Describe(value)}");
            }
        }
        else if (SandboxFields.Integer.Contains(name))
        {
            ReadInteger(name, value, read, problems);
        }
        else
        {
            problems.Add(UnknownField(name));
        }
    }

    private static void ReadInteger(string name, JsonElement value, List<KeyValuePair<string, object?>> read, List<string> problems)
    {
        // TryGetInt64 refuses 2.0 and 2e0 as well as 2.5: Liner wants an integer literal.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            if (name == "vkId" && number <= 0)
            {
                problems.Add($"vkId must be > 0, not {number}");
                return;
            }

            read.Add(new(name, number));
        }
        else if (value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && value.ValueEquals("")))
        {
            read.Add(new(name, null));
        }
        else
        {
            problems.Add($"{name} must be an integer, null or \"\", not {Describe(value)}");
        }
    }

    private static string UnknownField(string name)
    {
        if (name == "lead_id")
        {
            return "unknown field \"lead_id\" (lead_id belongs in the path, not the body)";
        }

        // Field names are case-sensitive on the wire (vkId, telegramUserName, ...): say so when that is the mistake.
        var meant = SandboxFields.All
            .FirstOrDefault(field => string.Equals(field, name, StringComparison.OrdinalIgnoreCase));
        return meant is null
            ? $"unknown field \"{name}\""
            : $"unknown field \"{name}\" (field names are case-sensitive: did you mean \"{meant}\"?)";
    }

    private static string Describe(JsonElement value)
    {
        const int MaxShown = 40;
        var raw = value.GetRawText();
        var shown = raw.Length <= MaxShown ? raw : string.Concat(raw.AsSpan(0, MaxShown), "...");
        return value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => $"the string {shown}",
            _ => shown,
        };
    }
}
