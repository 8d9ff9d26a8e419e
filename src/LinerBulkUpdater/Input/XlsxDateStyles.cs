using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LinerBulkUpdater.Input;

/// <summary>
/// Which cell styles show a number as a date or time. A date in .xlsx is only a number (days since 1900) whose style's
/// number format has date parts: the <c>s</c> attribute of a cell indexes <c>cellXfs</c>, whose <c>numFmtId</c> is
/// either built in or one of the workbook's own <c>numFmts</c>.
/// </summary>
internal static class XlsxDateStyles
{
    /// <summary>Indexed by a cell's <c>s</c>: true where that style is a date or time format.</summary>
    public static bool[] Read(WorkbookStylesPart? part)
    {
        if (part is null)
        {
            return [];
        }

        var customCodes = new Dictionary<int, string>();
        var styleFormats = new List<int>();
        var inCellFormats = false;
        using (var reader = OpenXmlReader.Create(part))
        {
            while (reader.Read())
            {
                var type = reader.ElementType;
                if (type == typeof(CellFormats))
                {
                    // <xf> also appears under <cellStyleXfs>, whose indexes cells do not use.
                    inCellFormats = reader.IsStartElement;
                }
                else if (!reader.IsStartElement)
                {
                    continue;
                }
                else if (type == typeof(NumberingFormat) && ReadId(reader, "numFmtId") is { } id)
                {
                    customCodes[id] = XlsxXml.Attribute(reader, "formatCode") ?? "";
                }
                else if (type == typeof(CellFormat) && inCellFormats)
                {
                    styleFormats.Add(ReadId(reader, "numFmtId") ?? 0);
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

    private static int? ReadId(OpenXmlReader reader, string name) =>
        int.TryParse(XlsxXml.Attribute(reader, name), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
