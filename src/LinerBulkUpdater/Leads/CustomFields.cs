namespace LinerBulkUpdater.Leads;

/// <summary>
/// Liner's custom fields as a run maps columns to them: by title (any case, trimmed; a title that starts like a formula
/// also with the leading <c>'</c> a CSV template gives it) or by <c>custom:&lt;id&gt;</c>.
/// Only a lead's fields map; a title of an order's field, or one two fields share, is refused with the reason.
/// </summary>
internal sealed class CustomFields(IReadOnlyList<CustomField> all, string? unread = null)
{
    /// <summary>Why the list could not be read (no key or base URL): then nothing maps to a custom field, and messages say why.</summary>
    public string? Unread => unread;

    /// <summary>No list, for a run that cannot read Liner: <paramref name="why"/> goes in the message of a column that matches nothing.</summary>
    public static CustomFields NotRead(string why) => new([], why);

    public IReadOnlyList<CustomField> All => all;

    /// <summary>The fields of leads, by their sort order: what a template and <c>liner-bulk fields</c> show.</summary>
    public IEnumerable<CustomField> OfLeads => all.Where(candidate => candidate.IsLeads);

    /// <summary>The titles a typo of a header may be near.</summary>
    public IEnumerable<string> Titles => OfLeads.Select(candidate => candidate.Title);

    /// <summary>
    /// The header a column for <paramref name="field"/> should have: its title, or <c>custom:&lt;id&gt;</c> when the title
    /// would name something else (an update field, <c>lead_id</c>) or is one that two fields of leads share.
    /// </summary>
    public string ColumnName(CustomField field)
    {
        var title = field.Title.Trim();
        var shared = OfLeads.Count(other => string.Equals(other.Title.Trim(), title, StringComparison.OrdinalIgnoreCase)) > 1;
        return shared || title.Length == 0 || IsKey(title) || string.Equals(title, LeadFields.LeadId, StringComparison.OrdinalIgnoreCase) || LeadFields.Find(title) is not null
            ? field.Key
            : title;
    }

    /// <summary>Whether <paramref name="header"/> is written as a custom field's id: <c>custom:102</c>.</summary>
    public static bool IsKey(string header) => header.StartsWith(CustomField.Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The lead's custom field <paramref name="header"/> names.</summary>
    /// <returns>null when it names none (then <paramref name="refusal"/> is null too, or says why it cannot be that field).</returns>
    public CustomField? Find(string header, out string? refusal)
    {
        refusal = null;
        var name = header.Trim();
        if (IsKey(name))
        {
            var id = name[CustomField.Prefix.Length..].Trim();
            var byId = long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? all.FirstOrDefault(field => field.Id == number)
                : null;
            refusal = byId is null ? $"Liner has no custom field with id {id} (liner-bulk fields lists them)"
                : !byId.IsLeads ? $"custom field {byId.Id} ('{byId.Title}') is a field of {byId.Essence}, not of leads"
                : null;
            return refusal is null ? byId : null;
        }

        var titled = Titled(name);
        if (titled.Count == 0 && SpreadsheetText.Restore(name) is var restored && restored.Length < name.Length)
        {
            // A CSV template writes a title that starts like a formula with a leading ' (SpreadsheetText.Inert), so
            // the spreadsheet it is opened in shows it and never runs it; that header still names the field.
            titled = Titled(restored);
        }

        var leads = titled.Where(field => field.IsLeads).ToList();
        if (leads.Count > 1)
        {
            refusal = $"{leads.Count} custom fields of leads are titled '{name}' (ids {string.Join(", ", leads.Select(field => field.Id))}); name the column custom:<id>";
            return null;
        }

        if (leads.Count == 0 && titled.Count > 0)
        {
            refusal = $"'{titled[0].Title}' is a custom field of {titled[0].Essence} (id {titled[0].Id}), not of leads: this tool sets leads";
        }

        return leads.Count == 1 ? leads[0] : null;
    }

    private List<CustomField> Titled(string name) =>
        [.. all.Where(field => string.Equals(field.Title.Trim(), name, StringComparison.OrdinalIgnoreCase))];
}
