namespace LinerBulkUpdater.Leads;

/// <summary><c>int</c>: an integer, read as the v1 fields read one, sent as a JSON number.</summary>
internal sealed class CustomIntType : CustomFieldType
{
    public override string Name => "int";

    public override string JsonType => "number";

    public override string Describe(CustomField field) => "integer";

    public override string? Read(CustomField field, string cell, FieldRules rules, out FieldValue value)
    {
        value = default;
        if (!FieldRules.TryReadInteger(cell, out var number))
        {
            return "is not an integer";
        }

        value = FieldValue.Of(field, number);
        return null;
    }
}
