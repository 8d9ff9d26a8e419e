using System.Globalization;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// Turns what a user wrote in the <c>status</c> column into a status id: the id itself, a status
/// <c>code</c> (<c>callback</c>) or a <c>title</c> (<c>Перезвонить</c>), case-insensitive and trimmed.
/// Titles are not unique in Liner (statuses can be duplicated and renamed), so a title two statuses
/// share is refused, naming both; codes are tried before titles, being the stabler key.
/// </summary>
internal sealed class StatusNames
{
    // No title is this long: past it a cell is no typo of one, and the edit distance would cost its length squared.
    private const int LongestGuess = 200;

    // Swapped once, from pending to read (or unreadable), by the reader before it parses the row that needs it.
    private volatile Lookup _lookup;

    private StatusNames(Lookup lookup) => _lookup = lookup;

    public StatusNames(IReadOnlyList<LeadStatus> statuses) => _lookup = Lookup.Of(statuses);

    /// <summary>Names whose list is read when the first of them is met (<see cref="Fill"/>): until then none can be checked.</summary>
    public static StatusNames Pending() => new(Lookup.Unreadable("Liner's status list was not read")) { IsPending = true };

    /// <summary>Whether the list is still to be read.</summary>
    public bool IsPending { get; private set; }

    /// <summary>Whether the list was to be read and could not be: no name can be checked.</summary>
    public bool CouldNotBeRead => !IsPending && _lookup.Unread is not null;

    /// <summary>A pending list, now read.</summary>
    public void Fill(IReadOnlyList<LeadStatus> statuses)
    {
        _lookup = Lookup.Of(statuses);
        IsPending = false;
    }

    /// <summary>A pending list that could not be read: every name is refused, saying <paramref name="why"/>.</summary>
    public void Fail(string why)
    {
        _lookup = Lookup.Unreadable(why);
        IsPending = false;
    }

    /// <summary>Whether a cell names a status by its id, so that no list is needed for it.</summary>
    public static bool IsId(string cell) => long.TryParse(cell.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    /// <returns>Null when <paramref name="cell"/> names one status (its id in <paramref name="id"/>); otherwise why not, for the row's reason.</returns>
    public string? TryResolve(string cell, out long id)
    {
        id = 0;
        var lookup = _lookup;
        if (lookup.Unread is not null)
        {
            return $"could not be checked against Liner's statuses: {lookup.Unread}";
        }

        var name = cell.Trim();
        lookup.ByTitle.TryGetValue(name, out var byTitle);
        if (lookup.ByCode.TryGetValue(name, out var byCode))
        {
            // A code wins, unless the same words are another status's title: then the cell says two things.
            if (byTitle?.FirstOrDefault(status => status.Id != byCode.Id) is { } other)
            {
                return $"is the code of id {byCode.Id} and the title of id {other.Id} (code '{other.Code}'); write the id";
            }

            id = byCode.Id;
            return null;
        }

        if (byTitle is not null)
        {
            if (byTitle.Count == 1)
            {
                id = byTitle[0].Id;
                return null;
            }

            var which = string.Join(" and ", byTitle.Select(status => $"id {status.Id} (code '{status.Code}')"));
            return $"is the title of {byTitle.Count} statuses: {which}; write the id or the code";
        }

        return lookup.Statuses.Count == 0 ? "matches no status: Liner's status list is empty"
            : name.Length > LongestGuess ? "matches no status"
            : $"matches no status; did you mean '{Nearest(lookup.Statuses, name)}'?";
    }

    private static string Nearest(IReadOnlyList<LeadStatus> statuses, string name) =>
        statuses.MinBy(status => ColumnMap.Distance(name.ToLowerInvariant(), status.Title.Trim().ToLowerInvariant()))!.Title.Trim();

    /// <param name="Unread">Set when the list could not be read: no name can be checked.</param>
    private sealed record Lookup(
        IReadOnlyList<LeadStatus> Statuses,
        Dictionary<string, LeadStatus> ByCode,
        Dictionary<string, List<LeadStatus>> ByTitle,
        string? Unread)
    {
        public static Lookup Unreadable(string why) => new([], new(), new(), why);

        public static Lookup Of(IReadOnlyList<LeadStatus> statuses)
        {
            var lookup = new Lookup(statuses, new(StringComparer.OrdinalIgnoreCase), new(StringComparer.OrdinalIgnoreCase), null);
            foreach (var status in statuses)
            {
                lookup.ByCode.TryAdd(status.Code.Trim(), status);
                var title = status.Title.Trim();
                if (!lookup.ByTitle.TryGetValue(title, out var same))
                {
                    lookup.ByTitle[title] = same = [];
                }

                same.Add(status);
            }

            return lookup;
        }
    }
}
