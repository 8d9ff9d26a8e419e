using System.Globalization;

namespace LinerBulkUpdater.Leads;

/// <summary>One of Liner's custom fields, as <c>GET /v2/custom-field/</c> lists it; its id keys <c>customValues</c>.</summary>
/// <remarks>
/// A class, not a record: a run holds one instance per field, and its <see cref="LeadField"/> is one instance too, so the
/// input's columns, the baseline's and the undo file's all name the same field by reference, as the built-in ones do.
/// </remarks>
/// <param name="Essence"><c>leads</c> or <c>orders</c>: only a lead's custom fields can be set by this tool.</param>
/// <param name="Options">A select's or multiselect's options, by their sort order; empty for other types.</param>
internal sealed class CustomField(long id, string title, CustomFieldType type, string essence, IReadOnlyList<CustomFieldOption> options)
{
    /// <summary>How a column names it without its title: <c>custom:102</c>; also the undo file's column.</summary>
    public const string Prefix = "custom:";

    private LeadField? _field;

    public long Id => id;

    public string Title => title;

    public CustomFieldType Type => type;

    public string Essence => essence;

    public IReadOnlyList<CustomFieldOption> Options => options;

    public bool IsLeads => string.Equals(essence, "leads", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>custom:102</c>.</summary>
    public string Key => Prefix + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The API's name of the type: <c>multiselect</c>.</summary>
    public string TypeName => CustomFields.TypeName(type);

    /// <summary>The field this custom field is in a row: named by its title, as the report's changes show it.</summary>
    public LeadField AsLeadField() => _field ??= new(title, FieldKind.Custom, CustomValueRules.Describe(this)) { Custom = this };
}
