using System.Text;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// One sparse update: only the fields the row asked to change, in the API document's order, then its custom values.
/// A row's update goes as two requests when it has both (<see cref="BuiltIn"/> by v1, <see cref="CustomValues"/> by v2).
/// </summary>
internal sealed record LeadUpdate(long LeadId, IReadOnlyList<FieldValue> Fields)
{
    public bool IsEmpty => Fields.Count == 0;

    /// <summary>Whether this is a v2 update: custom values only (<see cref="CustomValues"/>).</summary>
    public bool IsCustom => Fields.Count > 0 && CustomCount == Fields.Count;

    /// <summary>Whether any field is a custom value (then the row is sent in two parts).</summary>
    public bool HasCustom => CustomCount > 0;

    /// <summary>The fields of the v1 update.</summary>
    public LeadUpdate BuiltIn => CustomCount == 0 ? this : this with { Fields = [.. Fields.Where(value => value.Field.Custom is null)] };

    /// <summary>The custom values, for the v2 update.</summary>
    public LeadUpdate CustomValues => CustomCount == Fields.Count ? this : this with { Fields = [.. Fields.Where(value => value.Field.Custom is not null)] };

    // Counted with an index, not LINQ: every row's update asks, and most have no custom value.
    private int CustomCount
    {
        get
        {
            var count = 0;
            for (var i = 0; i < Fields.Count; i++)
            {
                count += Fields[i].Field.Custom is null ? 0 : 1;
            }

            return count;
        }
    }

    /// <summary>
    /// The request body as Liner's own PHP client writes it (JSON_UNESCAPED_UNICODE): non-ASCII text
    /// travels as UTF-8 characters, only what JSON requires is escaped. Custom values go in <c>customValues</c>,
    /// keyed by the field's id (<see cref="CustomValueWire"/>); the v1 fields before them.
    /// </summary>
    public byte[] ToJson()
    {
        var json = new StringBuilder(32 * Fields.Count + 20).Append('{');
        var written = 0;
        for (var i = 0; i < Fields.Count; i++)
        {
            var value = Fields[i];
            if (value.Field.Custom is not null)
            {
                continue;
            }

            json.Append(written++ > 0 ? "," : "").Append('"').Append(value.Field.Name).Append("\":");
            if (value.Text is { } text)
            {
                AppendString(json, text);
            }
            else if (value.Number is { } number)
            {
                json.Append(number);
            }
            else
            {
                json.Append("null");
            }
        }

        var custom = 0;
        for (var i = 0; i < Fields.Count && written + custom < Fields.Count; i++)
        {
            var value = Fields[i];
            if (value.Field.Custom is null)
            {
                continue;
            }

            json.Append(custom++ > 0 ? "," : written > 0 ? ",\"customValues\":{" : "\"customValues\":{");
            json.Append('"').Append(value.Field.Custom!.Id).Append("\":");
            CustomValueWire.Append(json, value, AppendString);
        }

        return Encoding.UTF8.GetBytes(json.Append(custom > 0 ? "}}" : "}").ToString());
    }

    private static void AppendString(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case < ' ': json.Append("\\u").Append(((int)c).ToString("x4")); break;
                default: json.Append(c); break;
            }
        }

        json.Append('"');
    }
}
