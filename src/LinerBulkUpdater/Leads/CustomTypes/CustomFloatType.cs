using System.Globalization;
using System.Text;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// <c>float</c>: <c>1 234,50</c>, <c>1234.5</c>, <c>-0,5</c>: one decimal separator, either; spaces between thousands.
/// Exact: a decimal, never a double. Canonical without trailing zeros, sent as a JSON number.
/// </summary>
internal sealed class CustomFloatType : CustomFieldType
{
    public override string Name => "float";

    public override string JsonType => "number";

    public override string Describe(CustomField field) => "number; , or . before the decimals, spaces between thousands (1 234,50)";

    public override string? Read(CustomField field, string cell, FieldRules rules, out FieldValue value)
    {
        value = default;
        var compact = cell.Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "");
        if (compact.Contains(',') && compact.Contains('.'))
        {
            return "has both , and . and is ambiguous: write one decimal separator, no thousands separator but spaces";
        }

        compact = compact.Replace(',', '.');
        var digits = compact.AsSpan(compact.Length > 0 && compact[0] is '-' or '+' ? 1 : 0);
        var dot = digits.IndexOf('.');
        var whole = dot < 0 ? digits : digits[..dot];
        var fraction = dot < 0 ? "" : digits[(dot + 1)..];
        if (whole.IsEmpty || whole.ContainsAnyExceptInRange('0', '9') || (dot >= 0 && (fraction.IsEmpty || fraction.ContainsAnyExceptInRange('0', '9'))))
        {
            return "is not a number";
        }

        if (!decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || number.Scale < fraction.Length)
        {
            // decimal keeps 28 digits; past that it would round, and a rounded amount is a wrong amount.
            return "has more digits than can be sent exactly";
        }

        value = FieldValue.Of(field, Canonical(number));
        return null;
    }

    /// <summary>Invariant, no trailing zeros after the point, no <c>-0</c>: one text for one number.</summary>
    public static string Canonical(decimal number)
    {
        var text = number.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.'))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text is "-0" ? "0" : text;
    }

    /// <summary>Canonical already: digits with at most one point.</summary>
    protected override void AppendText(StringBuilder json, string text) => json.Append(text);
}
