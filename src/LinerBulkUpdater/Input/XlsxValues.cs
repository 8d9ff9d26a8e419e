using System.Globalization;
using System.Text;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Input;

/// <summary>How the values stored in a sheet's XML become the texts Excel shows for them.</summary>
internal static class XlsxValues
{
    public const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss";

    private static readonly DateTime OleEpoch = new(1899, 12, 30, 0, 0, 0, DateTimeKind.Unspecified);
    private const double SecondsPerDay = 86_400;
    private const double FirstSerialPastYear9999 = 2_958_466;
    private const double Date1904Offset = 1_462;

    // What t="d" cells hold: ISO 8601 without an offset (a cell with an offset is passed on as text, which the
    // caller's ISO reading handles with the offset).
    private static readonly string[] IsoDateFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>Excel's name for a 0-based column index, for messages and cell references: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index) => RawRow.ColumnLetters(index);

    /// <summary>
    /// A number as Excel shows it in a General cell, in invariant form without an exponent: 15 significant digits,
    /// no trailing zeros. Excel keeps no more than 15 digits itself, and a formula's <c>0.30000000000000004</c> then
    /// reads <c>0.3</c> as the user sees it.
    /// </summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a cell cannot hold it");
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            // Most cells: ids, phones, statuses. Exact, and "-0" comes out as "0".
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        // "d.ddddddddddddddE+ddd": the 15 significant digits, correctly rounded, and where the point goes.
        Span<char> scientific = stackalloc char[32];
        Math.Abs(value).TryFormat(scientific, out var length, "E14", CultureInfo.InvariantCulture);
        Span<char> digits = stackalloc char[15];
        digits[0] = scientific[0];
        scientific[2..16].CopyTo(digits[1..]);
        var exponent = int.Parse(scientific[17..length], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        digits = digits.TrimEnd('0');

        var text = new StringBuilder(digits.Length + Math.Abs(exponent) + 3);
        if (value < 0)
        {
            text.Append('-');
        }

        if (exponent < 0)
        {
            text.Append("0.").Append('0', -exponent - 1).Append(digits);
        }
        else if (exponent >= digits.Length - 1)
        {
            text.Append(digits).Append('0', exponent - (digits.Length - 1));
        }
        else
        {
            text.Append(digits[..(exponent + 1)]).Append('.').Append(digits[(exponent + 1)..]);
        }

        return text.ToString();
    }

    /// <summary>The date-time a date cell's serial number stands for, to the nearest second; false when Excel could not show it as a date either.</summary>
    public static bool TryFromSerial(double serial, bool date1904, out DateTime value)
    {
        value = default;
        if (date1904)
        {
            serial += Date1904Offset;
        }
        else if (serial is >= 1 and < 60)
        {
            // Excel's 1900 system counts a 29 February 1900 that never was (Lotus 1-2-3's bug, kept on purpose): its
            // serials agree with OLE dates from 1 March 1900 on, and are one behind them before that.
            serial += 1;
        }

        if (double.IsNaN(serial) || serial < 0 || serial >= FirstSerialPastYear9999)
        {
            return false;
        }

        var seconds = Math.Round(serial * SecondsPerDay, MidpointRounding.AwayFromZero);
        if (seconds >= FirstSerialPastYear9999 * SecondsPerDay)
        {
            return false;
        }

        value = OleEpoch.AddSeconds(seconds);
        return true;
    }

    /// <summary>A t="d" cell's text as a date-time, when it has no offset.</summary>
    public static bool TryParseIsoDate(string text, out DateTime value)
    {
        if (!DateTime.TryParseExact(text.Trim(), IsoDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return false;
        }

        var seconds = (value.Ticks + TimeSpan.TicksPerSecond / 2) / TimeSpan.TicksPerSecond;
        value = seconds * TimeSpan.TicksPerSecond <= DateTime.MaxValue.Ticks ? new DateTime(seconds * TimeSpan.TicksPerSecond) : value;
        return true;
    }

    public static string FormatDate(DateTime value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Undoes Excel's escaping of characters XML cannot carry: <c>_x000D_</c> is a carriage return (Excel writes one
    /// for every CR in a cell), and <c>_x005F_</c> an underscore that protects a literal <c>_xHHHH_</c>.
    /// </summary>
    public static string DecodeEscapes(string text)
    {
        var at = text.IndexOf("_x", StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }

        var decoded = new StringBuilder(text.Length);
        decoded.Append(text, 0, at);
        while (at < text.Length)
        {
            if (at + 7 <= text.Length && text[at] == '_' && text[at + 1] == 'x' && text[at + 6] == '_'
                && ushort.TryParse(text.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                decoded.Append((char)code);
                at += 7;
            }
            else
            {
                decoded.Append(text[at]);
                at++;
            }
        }

        return decoded.ToString();
    }
}
