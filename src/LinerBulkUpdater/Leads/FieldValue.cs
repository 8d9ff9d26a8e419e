namespace LinerBulkUpdater.Leads;

/// <summary>A field to set: a string, an integer, or <c>null</c> to clear an integer or custom field.</summary>
/// <remarks>A custom field's value is its canonical text (<see cref="CustomFieldType.Read"/>), an int custom field's a number.</remarks>
internal readonly record struct FieldValue(UpdateField Field, string? Text, long? Number)
{
    public static FieldValue Of(UpdateField field, string text) => new(field, text, null);

    public static FieldValue Of(UpdateField field, long number) => new(field, null, number);

    /// <summary>The clear marker: <c>""</c> for a string field, <c>null</c> for an integer field and any custom field.</summary>
    public static FieldValue Cleared(UpdateField field) => field.ClearsToNull ? new(field, null, null) : new(field, "", null);
}
