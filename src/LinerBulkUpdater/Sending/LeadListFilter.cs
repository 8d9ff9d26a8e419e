using System.Globalization;
using System.Text;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// Which leads a sweep of Liner's lead list (<c>GET /v2/lead/</c>) covers: created from <see cref="From"/> to
/// <see cref="To"/> (Liner requires both), in these statuses and orders (none: any). Written into each page's query as
/// Liner's PHP samples write arrays (<c>statusIds[0]=3</c>), brackets encoded.
/// </summary>
internal sealed record LeadListFilter(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<long> StatusIds, IReadOnlyList<long> OrderIds)
{
    /// <summary>The most leads a page may hold (Liner's documented maximum of <c>limit</c>).</summary>
    public const int PageSize = 100;

    /// <summary>The path and query of the page at <paramref name="offset"/>.</summary>
    public string PageOf(string listPath, long offset)
    {
        var query = new StringBuilder(listPath).Append(listPath.Contains('?') ? '&' : '?');
        query.Append("createdAt%5B0%5D=").Append(Iso(From)).Append("&createdAt%5B1%5D=").Append(Iso(To));
        Append(query, "statusIds", StatusIds);
        Append(query, "orderIds", OrderIds);
        return query.Append("&offset=").Append(offset.ToString(CultureInfo.InvariantCulture))
            .Append("&limit=").Append(PageSize.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>How the reference and <c>check</c> say the range: <c>2000-01-01T00:00:00Z to 2026-12-07T20:00:00Z</c>.</summary>
    public string Range => $"{Iso(From)} to {Iso(To)}";

    /// <summary>UTC with whole seconds, so no <c>+</c> of an offset needs encoding.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Append(StringBuilder query, string name, IReadOnlyList<long> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            query.Append('&').Append(name).Append("%5B").Append(i.ToString(CultureInfo.InvariantCulture)).Append("%5D=")
                .Append(ids[i].ToString(CultureInfo.InvariantCulture));
        }
    }
}
