using System.Text;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// <c>multiselect</c>: options separated by <c>;</c>, each as a select reads one; canonical as their codes in the options'
/// order joined by <c>;</c>, whatever order the cell names them; sent as a JSON array of codes.
/// </summary>
internal sealed class CustomMultiSelectType : CustomFieldType
{
    public override string Name => "multiselect";

    public override string JsonType => "array";

    public override string Describe(CustomField field) => $"options separated by ;, by title or code: {CustomSelectType.Listed(field)}";

    public override string? Read(CustomField field, string cell, FieldRules rules, out FieldValue value)
    {
        value = default;
        var chosen = new HashSet<CustomFieldOption>();
        foreach (var part in cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (CustomSelectType.ReadOption(field, part, rules.ReadsLinerValues, out var option) is { } problem)
            {
                return $"has '{part}', which {problem}";
            }

            chosen.Add(option!);
        }

        if (chosen.Count == 0)
        {
            return "names no option";
        }

        value = FieldValue.Of(field, string.Join(';', field.Options.Where(chosen.Contains).Select(option => option.Code)));
        return null;
    }

    protected override void AppendText(StringBuilder json, string text)
    {
        json.Append('[');
        var first = true;
        foreach (var code in text.Split(';'))
        {
            json.Append(first ? "" : ",");
            JsonText.AppendString(json, code);
            first = false;
        }

        json.Append(']');
    }
}
