namespace LinerBulkUpdater.Leads;

/// <summary>The types of Liner's custom fields (<c>GET /v2/custom-field/</c>'s <c>type</c>).</summary>
internal enum CustomFieldType
{
    String,
    Int,
    Float,
    Date,
    DateTime,
    Bool,
    Select,
    MultiSelect,
}
