using System.Globalization;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// <c>datetime</c>: read as <c>call_timestamp</c> reads a date-time (without an offset: <c>Input:TimeZone</c>), sent in
/// UTC as the JSON string <c>2026-12-01T07:00:00Z</c>, as the docs write <c>planningCallDateTime</c>.
/// </summary>
internal sealed class CustomDateTimeType : CustomFieldType
{
    public override string Name => "datetime";

    public override string Describe(CustomField field) => "date-time: ISO 8601, e.g. 2026-12-01T10:00:00+03:00 (without an offset: Input:TimeZone)";

    public override string? Read(CustomField field, string cell, FieldRules rules, out FieldValue value)
    {
        value = default;
        if (CallTimestampRule.Read(cell, rules.Options.TimeZone, out var seconds) is { } wrong)
        {
            return wrong;
        }

        value = FieldValue.Of(field, DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        return null;
    }
}
