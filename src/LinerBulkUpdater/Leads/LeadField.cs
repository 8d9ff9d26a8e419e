namespace LinerBulkUpdater.Leads;

/// <summary>One of the fields of Liner's lead update, named exactly as on the wire.</summary>
/// <remarks>A custom field of leads (<see cref="Custom"/>) is one too, named by its title: it travels in the v2 update's <c>customValues</c>.</remarks>
internal sealed record LeadField(string Name, FieldKind Kind, string Rule, long? Min = null, long? Max = null)
{
    /// <summary>The custom field this is; null for the v1 update's own fields.</summary>
    public CustomField? Custom { get; init; }

    public bool IsNumeric => Kind is FieldKind.Integer or FieldKind.Timestamp;

    public override string ToString() => Name;
}
