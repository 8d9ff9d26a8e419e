using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace LinerBulkUpdater.Input;

/// <summary>
/// Which cell styles show a number as a date or time. A date in .xlsx is only a number (days since 1900) whose style's
/// number format has date parts: the <c>s</c> attribute of a cell indexes <c>cellXfs</c>, whose <c>numFmtId</c> is
/// either built in or one of the workbook's own <c>numFmts</c>.
/// </summary>
internal static class XlsxDateStyles
{
    /// <summary>Indexed by a cell's <c>s</c>: true where that style is a date or time format.</summary>
    /// <param name="maxCharacters">The most characters the part may unpack to.</param>
    public static bool[] Read(WorkbookStylesPart? part, long maxCharacters)
    {
        if (part is null)
        {
            return [];
        }

        var customCodes = new Dictionary<int, string>();
        var styleFormats = new List<int>();
        using (var xml = XlsxXmlReader.Open(part, maxCharacters))
        {
            // <xf> also appears under <cellStyleXfs>, whose indexes cells do not use; <numFmt> under <numFmts> and <dxf>s.
            var reader = xml.Reader;
            var cellFormatsDepth = -1;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == cellFormatsDepth)
                {
                    cellFormatsDepth = -1;
                }
                else if (xml.IsMain("cellXfs") && !reader.IsEmptyElement)
                {
                    cellFormatsDepth = reader.Depth;
                }
                else if (xml.IsMain("numFmt") && ReadId(xml, "numFmtId") is { } id)
                {
                    customCodes[id] = xml.Attribute("formatCode") ?? "";
                }
                else if (xml.IsMain("xf") && cellFormatsDepth >= 0 && reader.Depth == cellFormatsDepth + 1)
                {
                    styleFormats.Add(ReadId(xml, "numFmtId") ?? 0);
                }
            }
        }

        // Resolved at the end: the schema puts <numFmts> first, but nothing is lost by not relying on it.
        return styleFormats
            .Select(id => customCodes.TryGetValue(id, out var code) ? IsDateFormatCode(code) : IsBuiltInDateFormat(id))
            .ToArray();
    }

    /// <summary>ECMA-376 §18.8.30's built-in date and time formats, with the East Asian ones (27–36, 50–58).</summary>
    public static bool IsBuiltInDateFormat(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>
    /// A custom format shows a date or time when it has a d, m, y, h or s outside quoted text, escaped characters and
    /// brackets: <c>[Red]</c>, <c>[$-419]</c> and <c>[&gt;100]</c> say nothing, but elapsed time (<c>[h]:mm</c>) counts.
    /// </summary>
    public static bool IsDateFormatCode(string code)
    {
        for (var i = 0; i < code.Length; i++)
        {
            switch (char.ToLowerInvariant(code[i]))
            {
                case '"':
                    var close = code.IndexOf('"', i + 1);
                    i = close < 0 ? code.Length : close;
                    break;
                case '\\' or '_' or '*':
                    // An escaped literal, a space as wide as the next character, a fill with it.
                    i++;
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    var inside = end < 0 ? "" : code[(i + 1)..end].ToLowerInvariant();
                    if (inside.Length > 0 && inside.All(c => c is 'h' or 'm' or 's'))
                    {
                        return true;
                    }

                    i = end < 0 ? code.Length : end;
                    break;
                case 'd' or 'm' or 'y' or 'h' or 's':
                    return true;
            }
        }

        return false;
    }

    private static int? ReadId(XlsxXmlReader xml, string name) =>
        int.TryParse(xml.Attribute(name), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
