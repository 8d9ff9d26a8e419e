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

    private readonly IReadOnlyList<LeadStatus> _statuses;
    private readonly Dictionary<string, LeadStatus> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<LeadStatus>> _byTitle = new(StringComparer.OrdinalIgnoreCase);

    // Set when the run stopped before the list could be read: no name can be checked, and no row is sent anyway.
    private readonly string? _unread;

    private StatusNames(string unread)
    {
        _statuses = [];
        _unread = unread;
    }

    public StatusNames(IReadOnlyList<LeadStatus> statuses)
    {
        _statuses = statuses;
        foreach (var status in statuses)
        {
            _byCode.TryAdd(status.Code.Trim(), status);
            var title = status.Title.Trim();
            if (!_byTitle.TryGetValue(title, out var same))
            {
                _byTitle[title] = same = [];
            }

            same.Add(status);
        }
    }

    /// <summary>Names that cannot be checked: the run stopped (<paramref name="why"/>) before Liner's status list was read.</summary>
    public static StatusNames Unread(string why) => new(why);

    /// <summary>Whether a cell names a status by its id, so that no list is needed for it.</summary>
    public static bool IsId(string cell) => long.TryParse(cell.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    /// <returns>Null when <paramref name="cell"/> names one status (its id in <paramref name="id"/>); otherwise why not, for the row's reason.</returns>
    public string? TryResolve(string cell, out long id)
    {
        id = 0;
        if (_unread is not null)
        {
            return $"could not be checked against Liner's statuses: {_unread}";
        }

        var name = cell.Trim();
        _byTitle.TryGetValue(name, out var byTitle);
        if (_byCode.TryGetValue(name, out var byCode))
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

        return _statuses.Count == 0 ? "matches no status: Liner's status list is empty"
            : name.Length > LongestGuess ? "matches no status"
            : $"matches no status; did you mean '{Nearest(name)}'?";
    }

    private string Nearest(string name) =>
        _statuses.MinBy(status => ColumnMap.Distance(name.ToLowerInvariant(), status.Title.Trim().ToLowerInvariant()))!.Title.Trim();
}
