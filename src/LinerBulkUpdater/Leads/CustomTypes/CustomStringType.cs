namespace LinerBulkUpdater.Leads;

/// <summary><c>string</c>: text as it is, sent as a JSON string.</summary>
internal sealed class CustomStringType : CustomFieldType
{
    public override string Name => "string";

    public override bool HoldsText => true;

    public override string Describe(CustomField field) => "text";

    public override string? Read(CustomField field, string cell, FieldRules rules, out FieldValue value)
    {
        value = FieldValue.Of(field, cell);
        return null;
    }
}
