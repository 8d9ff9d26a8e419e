using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// <see cref="SandboxOptions.StateFile"/>: the leads' changes (<see cref="StoredChanges"/>), as UTF-8 JSON
/// a person can read and edit:
/// <c>{"version": 1, "leads": {"7": {"updatedAt": "2025-06-02T10:00:00Z", "fields": {"status": 3, "quiz_log": null}}}}</c>.
/// Seeded values are not written: the seed makes them again from the id.
/// </summary>
internal static class SandboxStateFile
{
    private const string Setting = $"{SandboxOptions.SectionName}:{nameof(SandboxOptions.StateFile)}";
    private const int Version = 1;

    /// <summary>The changes the file holds; none if it does not exist yet (the first run makes it).</summary>
    /// <exception cref="ArgumentException">
    /// The file cannot be read or is not a state file, or its folder does not exist (the save at the end
    /// would fail, after the run): the start fails, naming the setting, rather than losing changes later.
    /// </exception>
    public static IReadOnlyList<StoredChanges> Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw Problem(full, "its folder does not exist");
        }

        if (!File.Exists(full))
        {
            return Directory.Exists(full) ? throw Problem(full, "it is a folder") : [];
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(full));
            return Read(document.RootElement, full);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            throw Problem(full, exception.Message);
        }
    }

    /// <summary>
    /// Replaces the file in one step: written whole to a temporary file beside it, flushed to disk,
    /// then renamed over it, so a crash mid-save leaves the previous state, never half of a new one.
    /// </summary>
    public static void Save(string path, IReadOnlyList<StoredChanges> leads)
    {
        var full = Path.GetFullPath(path);
        // Unique, so two sandboxes stopping at once cannot write into one temporary file.
        var temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    Write(json, leads);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void Write(Utf8JsonWriter json, IReadOnlyList<StoredChanges> leads)
    {
        json.WriteStartObject();
        json.WriteNumber("version", Version);
        json.WriteStartObject("leads");
        foreach (var lead in leads)
        {
            json.WriteStartObject(lead.LeadId.ToString(CultureInfo.InvariantCulture));
            json.WriteString("updatedAt", V2DetailAnswer.Iso(lead.UpdatedAt));
            json.WriteStartObject("fields");
            // In the API document's order, so the file diffs cleanly from one run to the next.
            foreach (var field in SandboxFields.Stored.Where(lead.Fields.ContainsKey))
            {
                switch (lead.Fields[field])
                {
                    case string text: json.WriteString(field, text); break;
                    case long number: json.WriteNumber(field, number); break;
                    default: json.WriteNull(field); break;
                }
            }

            // Custom values as the JSON they were sent as, after the v1 fields.
            foreach (var custom in SandboxCustomFields.All.Where(custom => lead.Fields.ContainsKey(custom.StoreKey)))
            {
                json.WritePropertyName(custom.StoreKey);
                json.WriteRawValue(lead.Fields[custom.StoreKey] as string ?? "null");
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static List<StoredChanges> Read(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var number) || number != Version
            || !root.TryGetProperty("leads", out var leads) || leads.ValueKind != JsonValueKind.Object)
        {
            throw Problem(path, $"not a sandbox state file (an object with \"version\": {Version} and \"leads\")");
        }

        var read = new List<StoredChanges>();
        foreach (var lead in leads.EnumerateObject())
        {
            var leadId = LeadIdSetting.Parse(lead.Name, $"{Setting}: {path}: leads");
            if (lead.Value.ValueKind != JsonValueKind.Object
                || !lead.Value.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Object
                || !lead.Value.TryGetProperty("updatedAt", out var at) || at.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var updatedAt))
            {
                throw Problem(path, $"lead {leadId}: needs \"updatedAt\" (ISO 8601) and \"fields\" (an object)");
            }

            read.Add(new StoredChanges(leadId, Fields(fields, leadId, path), updatedAt));
        }

        return read;
    }

    private static Dictionary<string, object?> Fields(JsonElement fields, long leadId, string path)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in fields.EnumerateObject())
        {
            object? value = field.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                _ when SandboxCustomFields.All.Any(custom => custom.StoreKey == field.Name) => field.Value.GetRawText(),
                // "" is how a person clears a field by hand; the store keeps every cleared field as null.
                JsonValueKind.String when SandboxFields.IsStoredText(field.Name) => field.Value.GetString() is { Length: > 0 } text ? text : null,
                JsonValueKind.Number when SandboxFields.Integer.Contains(field.Name) && field.Value.TryGetInt64(out var number) => number,
                _ => throw Problem(path, SandboxFields.IsField(field.Name) || SandboxFields.IsIntegrationId(field.Name)
                    ? $"lead {leadId}: {field.Name} cannot be {field.Value.GetRawText()}"
                    : $"lead {leadId}: \"{field.Name}\" is not a field of the v1 update"),
            };
            values[field.Name] = value;
        }

        return values;
    }

    private static ArgumentException Problem(string path, string problem) => new($"{Setting}: {path}: {problem}", "options");
}
