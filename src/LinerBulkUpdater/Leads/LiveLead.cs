using System.Text.Json;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// What Liner holds for one lead, as the fields of the v1 update see it (<c>--live-diff</c>, <c>--undo</c>,
/// <c>--verify</c>): read from the v2 detail (and the v1 detail for <c>campaign_id</c> and <c>external_id</c>,
/// which v2 lacks), each value read by the run's own <see cref="FieldRules"/>, so that <c>+7 900 …</c>
/// equals <c>7900…</c>, an ISO <c>planningCallDateTime</c> equals Unix seconds and a <c>vkId</c> string its integer.
/// </summary>
internal sealed class LiveLead
{
    // v2 detail's names for the v1 update's fields (liner-api-reads.md §3).
    private static readonly (string Json, LeadField Field)[] V2Fields =
    [
        ("name", LeadFields.ClientName), ("phone", LeadFields.ClientPhone), ("sourceComment", LeadFields.QuizLog),
        ("statusId", LeadFields.Status), ("planningCallDateTime", LeadFields.CallTimestamp), ("priority", LeadFields.Priority),
        ("utcOffset", LeadFields.UtcOffset), ("telegramUserName", LeadFields.TelegramUserName), ("telegramPhone", LeadFields.TelegramPhone),
        ("vkId", LeadFields.VkId), ("instagramLogin", LeadFields.InstagramLogin),
    ];

    private static readonly (string Json, LeadField Field)[] V1Fields =
    [
        ("UF_CAMPAIGN_ID", LeadFields.CampaignId), ("UF_EXTERNAL_ID", LeadFields.ExternalId),
    ];

    private readonly Dictionary<LeadField, FieldValue> _values = [];

    /// <summary>The fields only the v1 detail has: a row touching one of them needs that read too.</summary>
    public static bool NeedsV1(LeadUpdate update) => update.Fields.Any(value => V1Fields.Any(v1 => ReferenceEquals(v1.Field, value.Field)));

    /// <param name="v2">The <c>data</c> of <c>GET /v2/lead/detail/{id}/</c>.</param>
    /// <param name="v1">The <c>data</c> of <c>GET /v1/lead/detail/{id}/</c>, when it was read.</param>
    public static LiveLead From(JsonElement v2, JsonElement? v1, FieldRules rules)
    {
        var lead = new LiveLead();
        lead.Read(v2, V2Fields, rules);
        if (v1 is { } data)
        {
            lead.AddV1(data, rules);
        }

        return lead;
    }

    /// <summary>Whether the v1 detail was read in too (<see cref="NeedsV1"/>).</summary>
    public bool HasV1 { get; private set; }

    /// <summary>The v1 detail's fields, read after the v2 detail when a row first needs them.</summary>
    public void AddV1(JsonElement v1, FieldRules rules)
    {
        Read(v1, V1Fields, rules);
        HasV1 = true;
    }

    /// <summary>What Liner holds in <paramref name="field"/>; null when the read did not say (then it is treated as different).</summary>
    public FieldValue? this[LeadField field] => _values.TryGetValue(field, out var value) ? value : null;

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

    /// <summary>After a row of this lead is sent: its later rows compare against what this one set.</summary>
    public void Apply(LeadUpdate update)
    {
        foreach (var value in update.Fields)
        {
            _values[value.Field] = value;
        }
    }

    /// <summary>Cleared is one value whichever way it is written: <c>""</c> or <c>null</c>.</summary>
    public static bool Same(FieldValue one, FieldValue other) =>
        IsCleared(one) ? IsCleared(other) : !IsCleared(other) && one.Number == other.Number && one.Text == other.Text;

    private static bool IsCleared(FieldValue value) => value.Text is "" || value is { Text: null, Number: null };

    private void Read(JsonElement data, (string Json, LeadField Field)[] fields, FieldRules rules)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var (json, field) in fields)
        {
            if (!data.TryGetProperty(json, out var element))
            {
                continue;
            }

            var text = element.ValueKind switch
            {
                JsonValueKind.String => element.GetString()!.Trim(),
                JsonValueKind.Number => element.GetRawText(),
                JsonValueKind.Null => "",
                _ => null,
            };
            if (text is null)
            {
                continue;
            }

            // What Liner holds is read by the same rules as a cell, so a value written two ways compares equal;
            // one the rules refuse (a 0 vkId, a stray format) is kept as text, so it differs from any valid value.
            _values[field] = text.Length == 0 ? FieldValue.Cleared(field)
                : rules.TryRead(field, text, out var value) is null ? value
                : FieldValue.Of(field, text);
        }
    }
}
