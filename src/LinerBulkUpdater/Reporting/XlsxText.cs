using System.Buffers;
using System.Globalization;
using System.Text;

namespace LinerBulkUpdater.Reporting;

/// <summary>Cell text and cell references as SpreadsheetML spells them.</summary>
internal static class XlsxText
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>
    /// Text as an <c>ST_Xstring</c>: XML 1.0 cannot carry most control characters at all, and XML readers turn a
    /// CR into LF, so those are written the way Excel writes them, <c>_x000D_</c>; a literal <c>_x0041_</c>
    /// gets its underscore escaped (<c>_x005F_</c>) so that a reader decoding escapes gives back exactly what
    /// was in the cell. Excel, ClosedXML and the Open XML SDK's readers all follow this convention.
    /// </summary>
    public static string Escape(string text)
    {
        var first = IndexOfSpecial(text);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '_')
            {
                escaped.Append(LooksEscaped(text, i) ? "_x005F_" : "_");
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
            }
            else if (IsUnwritable(c))
            {
                escaped.Append("_x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>Whether text needs <c>xml:space="preserve"</c>, without which XML readers may drop its outer whitespace.</summary>
    public static bool NeedsPreserve(string text) =>
        text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));

    private static int IndexOfSpecial(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '_' || char.IsSurrogate(c) || IsUnwritable(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Characters XML 1.0 has no place for (tab and LF it has), plus CR, which readers would turn into LF.</summary>
    private static bool IsUnwritable(char c) =>
        (c < ' ' && c is not '\t' and not '\n') || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF';

    /// <summary><c>_xHHHH_</c> at <paramref name="at"/>; an upper-case X too, in case a reader is lenient.</summary>
    private static bool LooksEscaped(string text, int at) =>
        at + 6 < text.Length
        && text[at + 1] is 'x' or 'X'
        && text[at + 6] == '_'
        && !text.AsSpan(at + 2, 4).ContainsAnyExcept(HexDigits);
}
