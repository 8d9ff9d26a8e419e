namespace LinerBulkUpdater.Leads;

/// <summary>A field to set: a string, an integer, or <c>null</c> to clear an integer field.</summary>
internal readonly record struct FieldValue(LeadField Field, string? Text, long? Number)
{
    public static FieldValue Of(LeadField field, string text) => new(field, text, null);

    public static FieldValue Of(LeadField field, long number) => new(field, null, number);

    /// <summary>The clear marker: <c>""</c> for a string field, <c>null</c> for an integer field.</summary>
    public static FieldValue Cleared(LeadField field) => field.IsNumeric ? new(field, null, null) : new(field, "", null);
}
