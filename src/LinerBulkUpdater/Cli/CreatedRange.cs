using System.Globalization;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// <c>--created-from</c> and <c>--created-to</c> (CONTRACT §8): a date (<c>2026-11-01</c>, <c>01.11.2026</c>) is the whole
/// day, from its first second or to its last; a date-time is read as <c>call_timestamp</c> is (ISO 8601 with or without an
/// offset, <c>Input:TimeZone</c> when without, or Unix seconds). The defaults: <c>Liner:EarliestLead</c>, and the moment
/// the sweep starts, so leads created during it cannot shift its pages.
/// </summary>
internal static class CreatedRange
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy"];

    /// <exception cref="UsageException">A value is no date, or the range runs the wrong way round.</exception>
    public static (DateTimeOffset From, DateTimeOffset To) Read(string? from, string? to, DateTimeOffset earliest, DateTimeOffset now, TimeZoneInfo zone)
    {
        var start = from is null ? earliest : Read("--created-from", from, zone, endOfDay: false);
        var end = to is null ? now : Read("--created-to", to, zone, endOfDay: true);
        if (start > end)
        {
            throw new UsageException(
                $"--created-from {from ?? Iso(start)} is after --created-to {to ?? Iso(end)} ({Iso(start)} > {Iso(end)}): the range is the wrong way round");
        }

        return (start, end);
    }

    private static DateTimeOffset Read(string option, string value, TimeZoneInfo zone, bool endOfDay)
    {
        var text = value.Trim();
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var midnight = endOfDay ? day.AddDays(1) : day;
            var offset = zone.GetUtcOffset(midnight);
            var at = new DateTimeOffset(midnight, offset);
            return endOfDay ? at.AddSeconds(-1) : at;
        }

        if (CallTimestampRule.Read(text, zone, out var seconds) is { } problem)
        {
            // The rule's own words when it says more than "no date" (a local time the clocks skip, milliseconds).
            throw new UsageException(problem.StartsWith("is not a date-time", StringComparison.Ordinal)
                ? $"{option} '{value}' is not a date: write 2026-11-01, 01.11.2026 or an ISO 8601 date-time (2026-11-01T10:00:00+03:00)"
                : $"{option} '{value}' {problem}");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static string Iso(DateTimeOffset at) => Sending.LeadListFilter.Iso(at);
}
