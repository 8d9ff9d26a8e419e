using System.Text.Json;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// What Liner holds for one lead, as the fields of the v1 update (and the lead's custom fields) see it (<c>--live-diff</c>, <c>--undo</c>,
/// <c>--verify</c>): read from the v2 detail (and the v1 detail for <c>campaign_id</c> and <c>external_id</c>,
/// which v2 lacks), where each field says it is (<see cref="UpdateField.HeldText"/>), each value read by the run's own
/// <see cref="FieldRules"/>, so that <c>+7 900 …</c> equals <c>7900…</c>, an ISO <c>planningCallDateTime</c> equals Unix
/// seconds and a <c>vkId</c> string its integer.
/// </summary>
/// <remarks>
/// A value: what changes it (a row sent, the v1 detail read in) makes a new one, so a worker's knowledge of a lead is
/// what its last step returned. Inside, values are parsed when first asked for and remembered: a memo, not knowledge.
/// </remarks>
internal sealed class LiveLead
{
    // What a field holds, once asked for or set by a row; parsed from the answers only when first asked for, as
    // a phone costs a libphonenumber parse and a row touches few of the fields.
    private readonly Dictionary<UpdateField, FieldValue?> _values;
    private readonly FieldRules _rules;
    private readonly JsonElement _v2;
    private readonly JsonElement? _v1;

    private LiveLead(JsonElement v2, JsonElement? v1, FieldRules rules, Dictionary<UpdateField, FieldValue?> values)
    {
        _v2 = v2;
        _v1 = v1;
        _rules = rules;
        _values = values;
    }

    /// <summary>The fields only the v1 detail has: a row touching one of them needs that read too.</summary>
    public static bool NeedsV1(LeadUpdate update) => update.Fields.Any(value => value.Field.InV1Detail);

    /// <param name="v2">The <c>data</c> of <c>GET /v2/lead/detail/{id}/</c>.</param>
    /// <param name="v1">The <c>data</c> of <c>GET /v1/lead/detail/{id}/</c>, when it was read.</param>
    public static LiveLead From(JsonElement v2, JsonElement? v1, FieldRules rules) => new(v2, v1, rules.ForLiner(), []);

    /// <summary>Whether the v1 detail was read in too (<see cref="NeedsV1"/>).</summary>
    public bool HasV1 => _v1 is not null;

    /// <summary>The lead with the v1 detail's fields too, read after the v2 detail when a row first needs them.</summary>
    public LiveLead WithV1(JsonElement v1)
    {
        // What a row set stays; what the v2 detail alone could not show is asked again.
        var values = _values.Where(known => !(known.Key.InV1Detail && known.Value is null)).ToDictionary();
        return new LiveLead(_v2, v1, _rules, values);
    }

    /// <summary>What Liner holds in <paramref name="field"/>; null when the read did not say (then it is treated as different).</summary>
    public FieldValue? this[UpdateField field]
    {
        get
        {
            if (!_values.TryGetValue(field, out var value))
            {
                _values[field] = value = Read(field);
            }

            return value;
        }
    }

    /// <summary>
    /// The fields of <paramref name="update"/> that Liner's answers do not show a value for (no such field, a value
    /// of no usable type, no lead object at all): nothing can be compared with them, nor put back by an undo file.
    /// </summary>
    public List<UpdateField> Unreadable(LeadUpdate update) => [.. update.Fields.Where(value => this[value.Field] is null).Select(value => value.Field)];

    /// <summary>The fields of <paramref name="update"/> whose value differs from Liner's, with what Liner held.</summary>
    public List<FieldChange> Changes(LeadUpdate update)
    {
        var changes = new List<FieldChange>();
        foreach (var value in update.Fields)
        {
            var before = this[value.Field];
            if (before is not { } held || !Same(held, value))
            {
                changes.Add(new FieldChange(value.Field, before ?? FieldValue.Cleared(value.Field), value));
            }
        }

        return changes;
    }

    /// <summary>The lead once a row of it is sent: its later rows compare against what this one set.</summary>
    public LiveLead Applied(LeadUpdate update)
    {
        var values = new Dictionary<UpdateField, FieldValue?>(_values);
        foreach (var value in update.Fields)
        {
            values[value.Field] = value;
        }

        return new LiveLead(_v2, _v1, _rules, values);
    }

    /// <summary>
    /// Cleared is one value whichever way it is written: <c>""</c> or <c>null</c>. Text is equal when it is equal trimmed:
    /// input cells are trimmed and Liner's values are not, so a row never changes only the spaces at a value's ends. A
    /// handle is one name with or without its leading <c>@</c>, which a row drops and Liner may hold.
    /// </summary>
    public static bool Same(FieldValue one, FieldValue other) =>
        IsCleared(one) ? IsCleared(other) : !IsCleared(other) && one.Number == other.Number && Compared(one).SequenceEqual(Compared(other));

    private static ReadOnlySpan<char> Compared(FieldValue value)
    {
        var text = value.Text.AsSpan().Trim();
        return value.Field.IsHandle && text.StartsWith('@') ? text[1..].TrimStart() : text;
    }

    private static bool IsCleared(FieldValue value) => value.Text is { } text ? text.AsSpan().Trim().IsEmpty : value.Number is null;

    private FieldValue? Read(UpdateField field) => field.HeldText(_v2, _v1) is { } text ? AsRules(field, text) : null;

    /// <summary>
    /// What Liner holds is read by the same rules as a cell, trimmed, so a value written two ways compares equal; one the
    /// rules refuse (a 0 vkId, a stray format) is kept as text, so it differs from any valid value. A phone Liner shows in
    /// E.164 (+79001234567) is already what the rules make of it (<see cref="FieldRules.ForLiner"/>): no parse needed,
    /// and it could only equal a row's phone that the rules found valid. The clear marker is the user's word for
    /// "empty"; in Liner it is text like any other. Text the rule keeps as it is stays as Liner holds it, spaces at its
    /// ends included, so an undo file puts back those very bytes (CONTRACT §6 "Exact values"); <see cref="Same"/> trims.
    /// </summary>
    private FieldValue AsRules(UpdateField field, string text)
    {
        var trimmed = text.Trim();
        return text.Length == 0 ? FieldValue.Cleared(field)
            : trimmed.Length == 0 || _rules.IsClearMarker(trimmed) ? FieldValue.Of(field, text)
            : field.Read(trimmed, _rules, out var value) is not null ? FieldValue.Of(field, text)
            : value.Text == trimmed ? FieldValue.Of(field, text)
            : value;
    }
}
