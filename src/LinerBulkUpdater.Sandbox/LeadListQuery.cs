using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// The query of <c>GET /v2/lead/</c>, read as Liner's docs give it: <c>createdAt[0]</c> and <c>createdAt[1]</c> (ISO 8601,
/// required, both ends included), <c>statusIds</c> and <c>orderIds</c> (arrays, as <c>statusIds[]=3</c> or
/// <c>statusIds[0]=3</c>: the docs' curl and PHP samples write them both ways), <c>offset</c> (default 0) and
/// <c>limit</c> (default 50, at most 100).
/// </summary>
internal sealed record LeadListQuery(DateTimeOffset From, DateTimeOffset To, IReadOnlySet<long> StatusIds, IReadOnlySet<long> OrderIds, int Offset, int Limit)
{
    public const int MaxLimit = 100;

    public bool Filters => StatusIds.Count > 0 || OrderIds.Count > 0;

    public static bool TryRead(IQueryCollection query, [NotNullWhen(true)] out LeadListQuery? read, [NotNullWhen(false)] out string? problem)
    {
        read = null;
        problem = null;
        var problems = new List<string>();
        var from = Date(query, "createdAt[0]", problems);
        var to = Date(query, "createdAt[1]", problems);
        var statuses = Ids(query, "statusIds", problems);
        var orders = Ids(query, "orderIds", problems);
        var offset = Number(query, "offset", 0, 0, int.MaxValue, problems);
        var limit = Number(query, "limit", 50, 1, MaxLimit, problems);
        if (problems.Count > 0)
        {
            problem = string.Join("; ", problems);
            return false;
        }

        read = new LeadListQuery(from, to, statuses, orders, offset, limit);
        return true;
    }

    private static DateTimeOffset Date(IQueryCollection query, string name, List<string> problems)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            problems.Add($"{name} is required (ISO 8601)");
        }
        else if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            problems.Add($"{name} is not an ISO 8601 date: \"{text}\"");
        }
        else
        {
            return at;
        }

        return default;
    }

    private static HashSet<long> Ids(IQueryCollection query, string name, List<string> problems)
    {
        var ids = new HashSet<long>();
        foreach (var (key, values) in query)
        {
            if (key == name || (key.StartsWith(name + "[", StringComparison.Ordinal) && key.EndsWith(']')))
            {
                foreach (var value in values)
                {
                    if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
                    {
                        ids.Add(id);
                    }
                    else
                    {
                        problems.Add($"{key} must be an integer > 0, not \"{value}\"");
                    }
                }
            }
        }

        return ids;
    }

    private static int Number(IQueryCollection query, string name, int fallback, int min, int max, List<string> problems)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        problems.Add($"{name} must be an integer from {min} to {max}, not \"{text}\"");
        return fallback;
    }
}
