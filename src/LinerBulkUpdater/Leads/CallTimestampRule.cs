using System.Globalization;
using System.Text.RegularExpressions;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// <c>call_timestamp</c>: Unix seconds, an ISO 8601 date-time with an offset, or a local date-time
/// read in <c>Input:TimeZone</c>, as Unix seconds. A local time the zone's clocks skip or pass twice
/// is refused rather than guessed at.
/// </summary>
internal static partial class CallTimestampRule
{
    // Unix seconds reach 1e11 only in the year 5138; a value that large is milliseconds
    // (1.7e12 today), the usual mix-up with JavaScript and Java clocks.
    private const long MillisecondsThreshold = 100_000_000_000;

    // The offset is normalised to ±hh:mm before these are tried.
    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mmzzz",
    ];

    // What Excel on a Russian Windows writes for a date cell saved as CSV, beside ISO forms without an offset.
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
        "dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy HH:mm", "dd.MM.yyyy",
    ];

    /// <returns>null when <paramref name="cell"/> is a time, else what is wrong with it.</returns>
    public static string? Read(string cell, TimeZoneInfo zone, out long seconds)
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
        if (WithOffset(cell) is { } normalised
            && DateTimeOffset.TryParseExact(normalised, OffsetFormats, invariant, DateTimeStyles.None, out var withOffset))
        {
            seconds = withOffset.ToUnixTimeSeconds();
            return null;
        }

        if (DateTime.TryParseExact(cell, LocalFormats, invariant, DateTimeStyles.None, out var local))
        {
            return ReadLocal(local, zone, out seconds);
        }

        return "is not a date-time: use Unix seconds or ISO 8601, e.g. 2026-12-01T10:00:00+03:00";
    }

    private static string? ReadLocal(DateTime local, TimeZoneInfo zone, out long seconds)
    {
        seconds = 0;
        if (zone.IsInvalidTime(local))
        {
            // Either side of the gap, a day off: no zone moves its clocks twice in two days.
            var instant = new DateTimeOffset(local, TimeSpan.Zero);
            var before = zone.GetUtcOffset(instant.AddDays(-1));
            var after = zone.GetUtcOffset(instant.AddDays(1));
            return $"does not exist in {zone.Id} (the clocks jump from {Format(before)} to {Format(after)}); add the offset";
        }

        if (zone.IsAmbiguousTime(local))
        {
            // Largest offset first: that reading is the earlier of the two moments.
            var offsets = zone.GetAmbiguousTimeOffsets(local).OrderDescending().Select(Format);
            return $"happens twice in {zone.Id} (at {string.Join(" and ", offsets)}); add the offset";
        }

        seconds = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUnixTimeSeconds();
        return null;
    }

    /// <summary>
    /// The cell with its ISO 8601 offset (<c>Z</c>, <c>+03</c>, <c>+0300</c>, <c>+03:00</c>) written
    /// <c>+03:00</c>, which is all .NET's <c>zzz</c> reads; null when it ends in no offset. Not <c>K</c>:
    /// that also matches no offset at all, which must be read in the configured zone instead.
    /// </summary>
    private static string? WithOffset(string cell)
    {
        var match = Offset().Match(cell);
        if (!match.Success)
        {
            return null;
        }

        var offset = match.Groups["zulu"].Success
            ? "+00:00"
            : $"{match.Groups["sign"].Value}{match.Groups["hours"].Value}:{(match.Groups["minutes"].Success ? match.Groups["minutes"].Value : "00")}";
        return cell[..match.Index] + offset;
    }

    private static string Format(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    // After a time of day only, so that the "-01" of a bare date is not taken for an offset.
    [GeneratedRegex(@"(?<=[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:(?<zulu>[Zz])|(?<sign>[+-])(?<hours>\d{2})(?::?(?<minutes>\d{2}))?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Offset();
}
