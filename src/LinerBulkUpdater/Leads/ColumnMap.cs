namespace LinerBulkUpdater.Leads;

/// <summary>
/// Which column holds which field. Built once from the header, before anything is sent: a column
/// that maps to nothing stops the run, because its data would otherwise be silently dropped.
/// </summary>
internal sealed class ColumnMap
{
    private ColumnMap(int leadIdColumn, string leadIdHeader, IReadOnlyList<MappedColumn> fields, IReadOnlyList<int> unnamed, int width)
    {
        LeadIdColumn = leadIdColumn;
        LeadIdHeader = leadIdHeader;
        Fields = fields;
        UnnamedColumns = unnamed;
        Width = width;
    }

    public int LeadIdColumn { get; }

    public string LeadIdHeader { get; }

    /// <summary>In a <c>--match-by</c> run, the key: its column is <see cref="LeadIdColumn"/>, and it is not among <see cref="Fields"/> (never sent).</summary>
    public MatchKey? MatchKey { get; private init; }

    /// <summary>Field columns, in the API document's field order (so bodies come out in that order).</summary>
    public IReadOnlyList<MappedColumn> Fields { get; }

    /// <summary>Columns with an empty header cell: ignored, but a value under one makes its row invalid.</summary>
    public IReadOnlyList<int> UnnamedColumns { get; }

    /// <summary>How many columns the header has.</summary>
    public int Width { get; }

    /// <param name="file">The input's name, for messages.</param>
    /// <param name="header">The header cells, trimmed.</param>
    /// <param name="aliases">Extra header names (any case) → field name, from <c>Mapping:Columns</c> (whose targets the settings checked).</param>
    /// <param name="ignored">Header names that are recognised and carry no field (a report's own columns).</param>
    /// <param name="custom">Liner's custom fields, read when <see cref="Unmatched"/> found columns that need them; null: not read.</param>
    /// <param name="matchBy">A <c>--match-by</c> run's key: its column stands for lead_id (<see cref="MatchKey.Find"/>).</param>
    /// <exception cref="UsageException">A column names no field, two name the same field, or lead_id (or the key) is missing.</exception>
    public static ColumnMap Build(string file, IReadOnlyList<string> header, IReadOnlyDictionary<string, string> aliases, IReadOnlyCollection<string> ignored, CustomFields? custom = null, string? matchBy = null)
    {
        var aliasTargets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (alias, target) in aliases)
        {
            aliasTargets[alias.Trim()] = target;
        }

        int? leadIdColumn = null;
        var leadIdHeader = LeadFields.LeadId;
        var fields = new List<MappedColumn>();
        var unnamed = new List<int>();
        var claimedBy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < header.Count; index++)
        {
            var name = header[index];
            if (name.Length == 0)
            {
                unnamed.Add(index);
                continue;
            }

            if (ignored.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var target = aliasTargets.GetValueOrDefault(name, name);
            var customField = IsApiName(target) ? null : Custom(file, name, target, custom, aliasTargets.Keys);
            target = customField?.Key ?? target;
            if (claimedBy.TryGetValue(target, out var earlier))
            {
                throw new UsageException($"{file}: columns '{earlier}' and '{name}' both map to '{target}'; keep one");
            }

            if (string.Equals(target, LeadFields.LeadId, StringComparison.OrdinalIgnoreCase))
            {
                leadIdColumn = index;
                leadIdHeader = name;
            }
            else
            {
                fields.Add(new MappedColumn(index, name, (UpdateField?)customField ?? LeadFields.Find(target)!));
            }

            claimedBy[target] = name;
        }

        if (matchBy is not null)
        {
            var key = MatchKey.Find(file, matchBy, custom, leadIdColumn is null ? null : leadIdHeader, fields);
            fields = [.. fields.Where(column => column.Index != key.Column).OrderBy(column => OrderOf(column.Field))];
            return new ColumnMap(key.Column, key.Header, fields, unnamed, header.Count) { MatchKey = key };
        }

        if (leadIdColumn is null)
        {
            throw new UsageException($"{file}: no '{LeadFields.LeadId}' column; the header is: {string.Join(", ", header)}");
        }

        // The API's order, then the custom fields in the header's: a stable sort keeps the columns' order among equals.
        fields = [.. fields.OrderBy(column => OrderOf(column.Field))];
        return new ColumnMap(leadIdColumn.Value, leadIdHeader, fields, unnamed, header.Count);
    }

    /// <summary>
    /// The header cells that are no API field, alias or ignored column: a run reads Liner's custom fields only when
    /// there are some (to map them, or to say they match nothing).
    /// </summary>
    public static IReadOnlyList<string> Unmatched(IReadOnlyList<string> header, IReadOnlyDictionary<string, string> aliases, IReadOnlyCollection<string> ignored)
    {
        var aliased = new HashSet<string>(aliases.Keys.Select(alias => alias.Trim()), StringComparer.OrdinalIgnoreCase);
        return [.. header.Where(name => name.Length > 0 && !ignored.Contains(name, StringComparer.OrdinalIgnoreCase) && !aliased.Contains(name) && !IsApiName(name))];
    }

    private static bool IsApiName(string name) =>
        string.Equals(name, LeadFields.LeadId, StringComparison.OrdinalIgnoreCase) || LeadFields.Find(name) is not null;

    /// <summary>The custom field a column that is no API field names, or why it is refused.</summary>
    private static CustomField Custom(string file, string name, string target, CustomFields? custom, IEnumerable<string> aliases)
    {
        string? refusal = null;
        if (custom?.Find(target, out refusal) is { } field)
        {
            return field;
        }

        if (refusal is not null)
        {
            throw new UsageException($"{file}: column '{name}': {refusal}");
        }

        var titles = custom?.Titles ?? [];
        var unread = custom?.Unread is { } why ? $"; {why}" : "";
        throw new UsageException($"{file}: column '{name}' matches no field; {Suggestion(name, aliases.Concat(titles), custom is { Unread: null })} (or add an alias under Mapping:Columns){unread}");
    }

    /// <summary>A field's place in the API document's order; any other field (a custom one) after them all.</summary>
    private static int OrderOf(UpdateField field)
    {
        for (var i = 0; i < LeadFields.All.Count; i++)
        {
            if (ReferenceEquals(LeadFields.All[i], field))
            {
                return i;
            }
        }

        return LeadFields.All.Count;
    }

    /// <summary>The nearest known name if it is near enough to be a typo of it, else every field name.</summary>
    /// <remarks>
    /// "Nearest" alone always finds something, and a wrong guess is worse than none: 'Комментарий' is
    /// nearest to some field, but naming it invites mapping a comment onto it.
    /// </remarks>
    private static string Suggestion(string name, IEnumerable<string> aliases, bool customRead)
    {
        var fields = LeadFields.All.Select(field => field.Name).Prepend(LeadFields.LeadId).ToList();
        var typed = name.ToLowerInvariant();
        var (nearest, distance) = fields.Concat(aliases)
            .Select(candidate => (Name: candidate, Distance: Distance(typed, candidate.ToLowerInvariant())))
            .MinBy(candidate => candidate.Distance);
        return distance <= TypoEdits(typed.Length)
            ? $"did you mean '{nearest}'?"
            : $"fields are {string.Join(", ", fields)}{(customRead ? " and the custom fields liner-bulk fields lists" : "")}";
    }

    /// <summary>
    /// How many edits a typo of a name this long may take: about one in three letters, at least two, but
    /// never as many as the name has letters (then "id" would suggest "vkId", two letters added).
    /// </summary>
    internal static int TypoEdits(int length) => Math.Min(Math.Max(2, length / 3), length - 1);

    /// <summary>Levenshtein distance: "staus" is one edit from "status".</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
