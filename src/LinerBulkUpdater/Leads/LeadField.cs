namespace LinerBulkUpdater.Leads;

/// <summary>One of the fields of Liner's lead update, named exactly as on the wire.</summary>
internal sealed record LeadField(string Name, FieldKind Kind, string Rule, long? Min = null, long? Max = null)
{
    public bool IsNumeric => Kind is FieldKind.Integer or FieldKind.Timestamp;

    public override string ToString() => Name;
}
