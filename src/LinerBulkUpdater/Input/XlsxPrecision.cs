using System.Globalization;

namespace LinerBulkUpdater.Input;

/// <summary>
/// Whether a number cell's stored value is what Excel shows for it. Excel keeps 15 significant digits of what is typed
/// into it, so a longer number in a file was written by something else (a script, an export): Excel, and so this tool
/// (<see cref="XlsxValues.FormatNumber"/>), would show it rounded, <c>1234567890123456789</c> as
/// <c>1234567890123460000</c> — another lead, another id.
/// </summary>
internal static class XlsxPrecision
{
    public const int ExcelDigits = 15;

    /// <summary>
    /// True when <paramref name="stored"/>, the text of a <c>&lt;v&gt;</c>, stands for exactly the number Excel shows:
    /// it has at most 15 significant digits, or it is how a writer spells the binary double of such a number (Excel
    /// writes typed 0.1 as <c>0.10000000000000001</c> at times, which is still 0.1).
    /// </summary>
    /// <param name="value">The stored text as a double.</param>
    public static bool IsExact(string stored, double value)
    {
        if (Digits(stored) is not { } written)
        {
            // double.Parse took what this grammar does not: nothing to be sure of, so no number that could be wrong.
            return false;
        }

        if (written.Significant.Length <= ExcelDigits)
        {
            // A decimal of 15 digits survives the trip through a double and back (a double holds 15 decimal digits).
            return true;
        }

        var shown = XlsxValues.FormatNumber(value);
        return double.Parse(shown, CultureInfo.InvariantCulture) == value
            && (written == Digits(value.ToString("R", CultureInfo.InvariantCulture)) || written == Digits(value.ToString("G17", CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// A decimal as its sign, its significant digits without leading or trailing zeros, and the power of ten of a point
    /// before them (<c>123.45</c> is 0.12345 × 10³): two spellings of one number have equal parts. Null when it is no decimal.
    /// </summary>
    private static (bool Negative, string Significant, long Exponent)? Digits(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        var negative = false;
        if (text.Length > 0 && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        long exponent = 0;
        var e = text.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!long.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return null;
            }

            text = text[..e];
        }

        var point = text.IndexOf('.');
        var integer = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        if (integer.Length + fraction.Length == 0 || integer.ContainsAnyExceptInRange('0', '9') || fraction.ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        var all = string.Concat(integer, fraction);
        var significant = all.Trim('0');
        if (significant.Length == 0)
        {
            // Zero, whatever its sign or spelling.
            return (false, "", 0);
        }

        var leadingZeros = all.Length - all.TrimStart('0').Length;
        return (negative, significant, integer.Length - leadingZeros + exponent);
    }
}
