using System.Globalization;

namespace LinerBulkUpdater.Leads;

/// <summary><c>date</c>: <c>2026-12-01</c> or <c>01.12.2026</c>, sent as the JSON string <c>2026-12-01</c>.</summary>
internal sealed class CustomDateType : CustomFieldType
{
    // An Excel date cell reads as 2026-12-01T00:00:00: a date, if it has no time of day.
    private static readonly string[] Formats = ["yyyy-MM-dd", "dd.MM.yyyy", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    public override string Name => "date";

    public override string Describe(CustomField field) => "date: 2026-12-01 or 01.12.2026";

    public override string? Read(CustomField field, string cell, FieldRules rules, out FieldValue value)
    {
        value = default;
        // System.DateTime: within a CustomFieldType, DateTime is the custom type of that name.
        if (!System.DateTime.TryParseExact(cell, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return "is not a date: use 2026-12-01 or 01.12.2026";
        }

        if (date.TimeOfDay != TimeSpan.Zero)
        {
            return "has a time of day, and the field holds a date";
        }

        value = FieldValue.Of(field, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return null;
    }
}
