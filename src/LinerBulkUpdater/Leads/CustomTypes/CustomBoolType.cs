using System.Text;

namespace LinerBulkUpdater.Leads;

/// <summary><c>bool</c>: TRUE/FALSE, да/нет, yes/no, 1/0, or a TRUE/FALSE cell; sent as JSON <c>true</c>/<c>false</c>.</summary>
internal sealed class CustomBoolType : CustomFieldType
{
    public override string Name => "bool";

    public override string JsonType => "bool";

    public override bool TakesBooleanCell => true;

    public override string Describe(CustomField field) => "yes or no: TRUE/FALSE, да/нет, yes/no, 1/0";

    public override string? Read(CustomField field, string cell, FieldRules rules, out FieldValue value)
    {
        value = default;
        var text = cell.ToLowerInvariant() switch
        {
            "true" or "да" or "yes" or "1" => "true",
            "false" or "нет" or "no" or "0" => "false",
            _ => null,
        };
        if (text is null)
        {
            return "is not yes or no: write TRUE/FALSE, да/нет, yes/no or 1/0";
        }

        value = FieldValue.Of(field, text);
        return null;
    }

    /// <summary>Canonical already: true or false.</summary>
    protected override void AppendText(StringBuilder json, string text) => json.Append(text);
}
