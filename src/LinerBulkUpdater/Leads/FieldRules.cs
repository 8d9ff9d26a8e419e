using System.Globalization;
using PhoneNumbers;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// Reads one trimmed, non-blank cell as a field's value. A broken rule is a value (the problem's
/// text), never an exception: the row becomes <c>invalid</c> and the run goes on.
/// </summary>
internal sealed class FieldRules(FieldRulesOptions options)
{
    // Unix seconds reach 1e11 only in the year 5138; a value that large is milliseconds
    // (1.7e12 today), the usual mix-up with JavaScript and Java clocks.
    private const long MillisecondsThreshold = 100_000_000_000;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK",
    ];

    // What Excel on a Russian Windows writes for a date cell saved as CSV, beside ISO forms without an offset.
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
        "dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy HH:mm", "dd.MM.yyyy",
    ];

    public FieldRulesOptions Options => options;

    public bool IsClearMarker(string cell) => string.Equals(cell, options.ClearMarker, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <paramref name="cell"/> (trimmed, not blank) as <paramref name="field"/>'s value.</summary>
    /// <returns>null when the value is good, else what is wrong with it, e.g. <c>is not an integer</c>.</returns>
    public string? TryRead(LeadField field, string cell, out FieldValue value)
    {
        value = default;
        if (IsClearMarker(cell))
        {
            value = FieldValue.Cleared(field);
            return null;
        }

        switch (field.Kind)
        {
            case FieldKind.Text:
                value = FieldValue.Of(field, cell);
                return null;
            case FieldKind.Handle:
                var handle = cell.StartsWith('@') ? cell[1..].TrimStart() : cell;
                if (handle.Length == 0)
                {
                    return "is not a name";
                }

                value = FieldValue.Of(field, handle);
                return null;
            case FieldKind.Phone:
                if (ReadPhone(cell) is not { } phone)
                {
                    return $"is not a phone number (region {options.DefaultRegion})";
                }

                value = FieldValue.Of(field, phone);
                return null;
            case FieldKind.Integer:
                if (!TryReadInteger(cell, out var number))
                {
                    return "is not an integer";
                }

                return Bounded(field, number, out value);
            case FieldKind.Timestamp:
                if (ReadTimestamp(cell, out var seconds) is { } problem)
                {
                    return problem;
                }

                return Bounded(field, seconds, out value);
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "unknown field kind");
        }
    }

    public string? TryReadLeadId(string cell, out long leadId)
    {
        if (!TryReadInteger(cell, out leadId))
        {
            return "is not an integer";
        }

        return leadId > 0 ? null : "must be greater than 0";
    }

    /// <summary>Integral numbers only: <c>42</c>, <c>-3</c>, and <c>2.0</c> as spreadsheets print whole numbers; never <c>2.5</c>.</summary>
    public static bool TryReadInteger(string cell, out long number)
    {
        var text = cell.AsSpan();
        var dot = text.IndexOf('.');
        if (dot >= 0)
        {
            if (dot == 0 || text[(dot + 1)..].ContainsAnyExcept('0'))
            {
                number = 0;
                return false;
            }

            text = text[..dot];
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }

    private string? ReadPhone(string cell)
    {
        try
        {
            // Validity, not mere possibility: for Russia libphonenumber calls 14 digits "possible",
            // which would let a doubled keystroke through.
            var number = Phones.Parse(cell, options.DefaultRegion);
            if (!Phones.IsValidNumber(number))
            {
                return null;
            }

            return Phones.Format(number, PhoneNumberFormat.E164).TrimStart('+');
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private string? ReadTimestamp(string cell, out long seconds)
    {
        seconds = 0;
        if (cell.All(char.IsAsciiDigit))
        {
            if (!long.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) || seconds >= MillisecondsThreshold)
            {
                return "looks like milliseconds; Unix time in seconds is expected";
            }

            return null;
        }

        var invariant = CultureInfo.InvariantCulture;
        if (DateTimeOffset.TryParseExact(cell, OffsetFormats, invariant, DateTimeStyles.None, out var withOffset)
            && HasOffset(cell))
        {
            seconds = withOffset.ToUnixTimeSeconds();
            return null;
        }

        if (DateTime.TryParseExact(cell, LocalFormats, invariant, DateTimeStyles.None, out var local))
        {
            if (options.TimeZone.IsInvalidTime(local))
            {
                return $"does not exist in time zone {options.TimeZone.Id} (clocks moved forward)";
            }

            seconds = new DateTimeOffset(local, options.TimeZone.GetUtcOffset(local)).ToUnixTimeSeconds();
            return null;
        }

        return "is not a date-time: use Unix seconds or ISO 8601, e.g. 2026-12-01T10:00:00+03:00";
    }

    // TryParseExact's K also matches "no offset", which must be read in the configured zone instead.
    private static bool HasOffset(string cell) =>
        cell.EndsWith('Z') || cell.EndsWith('z') || (cell.Length > 6 && cell[^6] is '+' or '-' && cell[^3] == ':');

    private static string? Bounded(LeadField field, long number, out FieldValue value)
    {
        value = default;
        if (number < field.Min || number > field.Max)
        {
            return (field.Min, field.Max) switch
            {
                ({ } min, { } max) => $"is outside {min}..{max}",
                ({ } min, null) => min == 1 ? "must be greater than 0" : $"must be at least {min}",
                _ => $"must be at most {field.Max}",
            };
        }

        value = FieldValue.Of(field, number);
        return null;
    }
}
