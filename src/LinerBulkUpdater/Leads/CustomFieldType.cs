using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// A type of Liner's custom fields (<c>GET /v2/custom-field/</c>'s <c>type</c>) and all that depends on it, one subclass
/// per type in <c>CustomTypes/</c>: how a cell reads, into the canonical text the value is sent and compared as however
/// the cell wrote it; how the value travels in <c>customValues</c>; how Liner's answer is read back; what the template
/// says of it. A new type is a new subclass, listed in <see cref="All"/>.
/// </summary>
/// <remarks>
/// Liner's docs show only a string (<c>"10": "example value"</c>), so the wire formats they do not give are each type's
/// choice, written there. Liner's answers are read leniently: a number or bool written as a string, a multiselect as
/// one <c>;</c>-separated string, read as the cell rules would.
/// </remarks>
internal abstract class CustomFieldType
{
    public static readonly CustomFieldType String = new CustomStringType();
    public static readonly CustomFieldType Int = new CustomIntType();
    public static readonly CustomFieldType Float = new CustomFloatType();
    public static readonly CustomFieldType Date = new CustomDateType();
    public static readonly CustomFieldType DateTime = new CustomDateTimeType();
    public static readonly CustomFieldType Bool = new CustomBoolType();
    public static readonly CustomFieldType Select = new CustomSelectType();
    public static readonly CustomFieldType MultiSelect = new CustomMultiSelectType();

    /// <summary>Every type the tool can set; a field of any other type is left out of the list it reads.</summary>
    public static readonly IReadOnlyList<CustomFieldType> All = [String, Int, Float, Date, DateTime, Bool, Select, MultiSelect];

    /// <summary>The API's name of the type: <c>multiselect</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The JSON type the value travels as, as the template's field list says it: <c>string</c>, <c>number</c>, <c>bool</c> or <c>array</c>.</summary>
    public virtual string JsonType => "string";

    /// <summary>Whether a spreadsheet's TRUE/FALSE cell is a value of this type.</summary>
    public virtual bool TakesBooleanCell => false;

    /// <summary>Whether its value is text as the cell writes it (<see cref="UpdateField.HoldsText"/>).</summary>
    public virtual bool HoldsText => false;

    /// <summary>The type named <paramref name="name"/> (any case), or null for one the tool does not know.</summary>
    public static CustomFieldType? Find(string name) =>
        All.FirstOrDefault(type => string.Equals(type.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The rule as the template's notes and the reference say it.</summary>
    public abstract string Describe(CustomField field);

    /// <summary>Reads a trimmed, non-blank cell that is not the clear marker into the value's canonical text (an int: a number).</summary>
    /// <returns>null when the value is good, else what is wrong with it.</returns>
    public abstract string? Read(CustomField field, string cell, FieldRules rules, out FieldValue value);

    /// <summary>The value's JSON in <c>customValues</c>: a number as a number, a cleared value as <c>null</c>, text by <see cref="AppendText"/>.</summary>
    public void AppendJson(StringBuilder json, FieldValue value)
    {
        if (value is { Number: { } number })
        {
            json.Append(number.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.Text is not { Length: > 0 } text)
        {
            json.Append("null");
        }
        else
        {
            AppendText(json, text);
        }
    }

    /// <summary>
    /// A value of Liner's <c>customValues</c> as cell text, for <see cref="Read"/>: "" for null or an empty array; null
    /// for a shape no custom value has (an object), which compares as different from anything.
    /// </summary>
    public virtual string? HeldText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        JsonValueKind.Array when element.EnumerateArray().All(item => item.ValueKind is JsonValueKind.String or JsonValueKind.Number) =>
            string.Join(';', element.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Number ? item.GetRawText() : item.GetString()!.Trim())),
        _ => null,
    };

    /// <summary>A non-empty value Liner held, as an undo file writes it: as it is.</summary>
    public virtual string UndoCell(string text) => text;

    public override string ToString() => Name;

    /// <summary>The canonical text of a non-empty value, as a JSON string.</summary>
    protected virtual void AppendText(StringBuilder json, string text) => JsonText.AppendString(json, text);
}
