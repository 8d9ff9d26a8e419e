using System.Text;

namespace LinerBulkUpdater.Leads;

/// <summary>One sparse update: only the fields the row asked to change, in the API document's order.</summary>
internal sealed record LeadUpdate(long LeadId, IReadOnlyList<FieldValue> Fields)
{
    public bool IsEmpty => Fields.Count == 0;

    /// <summary>
    /// The request body as Liner's own PHP client writes it (JSON_UNESCAPED_UNICODE): non-ASCII text
    /// travels as UTF-8 characters, only what JSON requires is escaped.
    /// </summary>
    public byte[] ToJson()
    {
        var json = new StringBuilder(32 * Fields.Count + 2).Append('{');
        for (var i = 0; i < Fields.Count; i++)
        {
            var value = Fields[i];
            if (i > 0)
            {
                json.Append(',');
            }

            json.Append('"').Append(value.Field.Name).Append("\":");
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

        return Encoding.UTF8.GetBytes(json.Append('}').ToString());
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
