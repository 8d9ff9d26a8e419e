using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// One of Liner's custom fields, as <c>GET /v2/custom-field/</c> lists it; in a row, named by its title, it travels in the
/// v2 update's <c>customValues</c>, keyed by its id, read and written as its <see cref="Type"/> says.
/// </summary>
/// <remarks>A class, not a record: a run holds one instance per field, and its columns name it by reference.</remarks>
/// <param name="essence"><c>leads</c> or <c>orders</c>: only a lead's custom fields can be set by this tool.</param>
/// <param name="options">A select's or multiselect's options, by their sort order; empty for other types.</param>
internal sealed class CustomField(long id, string title, CustomFieldType type, string essence, IReadOnlyList<CustomFieldOption> options) : UpdateField
{
    /// <summary>How a column names it without its title: <c>custom:102</c>; also the undo file's column.</summary>
    public const string Prefix = "custom:";

    public long Id => id;

    public string Title => title;

    public CustomFieldType Type => type;

    public string Essence => essence;

    public IReadOnlyList<CustomFieldOption> Options => options;

    public bool IsLeads => string.Equals(essence, "leads", StringComparison.OrdinalIgnoreCase);

    /// <summary>The API's name of the type: <c>multiselect</c>.</summary>
    public string TypeName => type.Name;

    public override string Name => title;

    public override string Rule => type.Describe(this);

    /// <summary><c>custom:102</c>.</summary>
    public override string Key => Prefix + id.ToString(CultureInfo.InvariantCulture);

    public override bool InCustomValues => true;

    public override bool ClearsToNull => true;

    public override bool TakesBooleanCell => type.TakesBooleanCell;

    public override bool HoldsText => type.HoldsText;

    public override string? Read(string cell, FieldRules rules, out FieldValue value) => type.Read(this, cell, rules, out value);

    public override void AppendJson(StringBuilder json, FieldValue value)
    {
        json.Append('"').Append(id).Append("\":");
        type.AppendJson(json, value);
    }

    public override string? HeldText(JsonElement v2, JsonElement? v1)
    {
        // A custom field Liner has no value for is absent from customValues: empty, as a cleared one. A lead with none
        // may answer customValues: [] (PHP's empty array) or null. No customValues at all says nothing: unreadable.
        if (v2 is not { ValueKind: JsonValueKind.Object } lead || !lead.TryGetProperty("customValues", out var values))
        {
            return null;
        }

        return values.ValueKind is JsonValueKind.Null || values is { ValueKind: JsonValueKind.Array } && values.GetArrayLength() == 0 ? ""
            : values.ValueKind != JsonValueKind.Object ? null
            : !values.TryGetProperty(id.ToString(CultureInfo.InvariantCulture), out var element) ? ""
            : type.HeldText(element);
    }

    public override string UndoCell(string text) => type.UndoCell(text);
}
