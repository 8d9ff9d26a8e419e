using System.Globalization;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// The key of a <c>--match-by</c> run (CONTRACT §8): the field whose value finds each row's lead, its column in the
/// input, and the one rule that makes a key of a value, the same for a row's cell and for what Liner holds, so that
/// <c>+7 (900) 123-45-67</c> finds <c>79001234567</c>.
/// </summary>
internal sealed record MatchKey(UpdateField Field, int Column, string Header)
{
    /// <summary>The fields a lead may be found by: the phone, the integration ids, <c>external_id</c> (v1 only, so at a cost), or a custom field of leads.</summary>
    public static readonly IReadOnlyList<LeadField> Fields =
        [LeadFields.ClientPhone, .. LeadFields.IntegrationIds, LeadFields.ExternalId];

    /// <summary>What the sweep must read per lead beyond the list: the v1 detail, for <c>external_id</c>.</summary>
    public bool ReadsV1 => Field.InV1Detail;

    /// <summary>A value's key: its canonical text, as the field's rule wrote it; null for an empty value, which finds no lead.</summary>
    public static string? Of(FieldValue value) =>
        value.Text is { } text ? (text.Trim() is { Length: > 0 } trimmed ? trimmed : null)
        : value.Number?.ToString(CultureInfo.InvariantCulture);

    /// <summary>The key of what Liner holds, read by the field's rule for Liner's values (<see cref="FieldRules.ForLiner"/>); null when empty or unreadable.</summary>
    public string? OfLiner(string? held, FieldRules liner)
    {
        var trimmed = held?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        // A value the rule refuses is no key a row could give (a row's key passed the same rule): nothing to find it by.
        return Field.Read(trimmed, liner, out var value) is null ? Of(value) : null;
    }

    /// <summary>The key column of a header, found the way <see cref="ColumnMap"/> maps the others.</summary>
    /// <param name="leadIdHeader">The header's lead_id column, if it has one: refused beside a key.</param>
    /// <exception cref="UsageException">The key is no field a lead can be found by, the header has no column for it, or it also has lead_id.</exception>
    public static MatchKey Find(string file, string matchBy, CustomFields? custom, string? leadIdHeader, IReadOnlyList<MappedColumn> fields)
    {
        var name = matchBy.Trim();
        UpdateField? field = LeadFields.Find(name);
        string? refusal = null;
        field ??= custom?.Find(name, out refusal);
        var keys = $"{string.Join(", ", Fields.Select(key => key.Name))} or a custom field of leads (custom:<id> or its title)";
        if (field is null)
        {
            throw new UsageException($"--match-by '{matchBy}' is no field{(refusal is null ? "" : $" ({refusal})")}; a lead is found by {keys}");
        }

        if (field is LeadField own && !Fields.Contains(own))
        {
            throw new UsageException($"--match-by {own.Name}: a lead is found by {keys}, not by {own.Name}");
        }

        if (leadIdHeader is not null)
        {
            throw new UsageException($"{file}: has both a '{leadIdHeader}' column and --match-by {field.Name}: a row names its lead one way; drop the lead_id column, or --match-by");
        }

        var column = fields.FirstOrDefault(mapped => ReferenceEquals(mapped.Field, field))
            ?? throw new UsageException($"{file}: no column holds {field.Name}, the key of --match-by; name one '{field.Name}' or by an alias");
        return new MatchKey(field, column.Index, column.Header);
    }
}
