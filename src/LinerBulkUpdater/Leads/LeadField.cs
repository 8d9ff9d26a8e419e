using System.Text;
using System.Text.Json;

namespace LinerBulkUpdater.Leads;

/// <summary>One of the lead's own fields a run sets (<see cref="LeadFields"/>), named exactly as on the wire.</summary>
/// <param name="detail">Its name in Liner's lead detail: the v2 detail's, or with <paramref name="v1Detail"/> the v1 detail's.</param>
/// <param name="v2Update">Whether only the v2 update takes it (an integration id), beside the custom values.</param>
internal sealed class LeadField(string name, FieldKind kind, string rule, string detail, bool v1Detail = false, long? min = null, long? max = null, bool v2Update = false) : UpdateField
{
    public override string Name => name;

    public FieldKind Kind => kind;

    public override string Rule => rule;

    public long? Min => min;

    public long? Max => max;

    public bool IsNumeric => kind is FieldKind.Integer or FieldKind.Timestamp;

    public override string Key => name;

    public override bool InCustomValues => false;

    public override bool InV2Update => v2Update;

    public override bool ClearsToNull => IsNumeric;

    public override bool InV1Detail => v1Detail;

    public override bool HoldsText => kind is FieldKind.Text or FieldKind.Handle;

    public override bool IsHandle => kind is FieldKind.Handle;

    public override string? Read(string cell, FieldRules rules, out FieldValue value)
    {
        value = default;
        switch (kind)
        {
            case FieldKind.Text:
                value = FieldValue.Of(this, cell);
                return null;
            case FieldKind.Handle:
                // A person's "@ivan" is the name ivan; what Liner holds (its answer, an undo file) is kept as it is, "@"
                // included, so an undo puts back those very bytes (CONTRACT §6 "Exact values").
                var handle = cell.StartsWith('@') && !rules.ReadsLinerValues ? cell[1..].TrimStart() : cell;
                if (handle.Length == 0)
                {
                    return "is not a name";
                }

                value = FieldValue.Of(this, handle);
                return null;
            case FieldKind.Phone:
                if (rules.ReadPhone(cell, out var phone) is { } wrongPhone)
                {
                    return wrongPhone;
                }

                value = FieldValue.Of(this, phone);
                return null;
            case FieldKind.Integer:
                if (!FieldRules.TryReadInteger(cell, out var number))
                {
                    if (rules.Statuses is { IsPending: false } statuses && ReferenceEquals(this, LeadFields.Status))
                    {
                        return statuses.TryResolve(cell, out var id) ?? Bounded(id, out value);
                    }

                    return "is not an integer";
                }

                return Bounded(number, out value);
            case FieldKind.Timestamp:
                if (CallTimestampRule.Read(cell, rules.Options.TimeZone, out var seconds) is { } problem)
                {
                    return problem;
                }

                return Bounded(seconds, out value);
            default:
                throw new InvalidOperationException($"unknown field kind {kind}");
        }
    }

    public override void AppendJson(StringBuilder json, FieldValue value)
    {
        json.Append('"').Append(name).Append("\":");
        if (value.Text is { } text)
        {
            JsonText.AppendString(json, text);
        }
        else if (value.Number is { } number)
        {
            json.Append(number);
        }
        else
        {
            json.Append("null");
        }
    }

    public override string? HeldText(JsonElement v2, JsonElement? v1) =>
        (v1Detail ? v1 : v2) is { ValueKind: JsonValueKind.Object } answer && answer.TryGetProperty(detail, out var element)
            ? element.ValueKind switch
            {
                JsonValueKind.String => element.GetString()!,
                JsonValueKind.Number => element.GetRawText(),
                JsonValueKind.Null => "",
                _ => null,
            }
            : null;

    /// <summary>
    /// A phone goes with its "+": Liner's E.164 digits read back as the same number whatever <c>Phone:DefaultRegion</c>
    /// the undo is applied with.
    /// </summary>
    public override string UndoCell(string text) =>
        kind == FieldKind.Phone && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0 ? "+" + text : text;

    private string? Bounded(long number, out FieldValue value)
    {
        value = default;
        if (number < min || number > max)
        {
            return (min, max) switch
            {
                ({ } low, { } high) => $"is outside {low}..{high}",
                ({ } low, null) => low == 1 ? "must be greater than 0" : $"must be at least {low}",
                _ => $"must be at most {max}",
            };
        }

        value = FieldValue.Of(this, number);
        return null;
    }
}
