using System.Text;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// Text in a request body as Liner's own PHP client writes it (JSON_UNESCAPED_UNICODE): non-ASCII text travels as
/// UTF-8 characters, only what JSON requires is escaped.
/// </summary>
internal static class JsonText
{
    public static void AppendString(StringBuilder json, string text)
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
