using System.Collections.Frozen;
using System.Text.Json;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// A page of <c>GET /v2/lead/</c>: <c>data: {list, next, total}</c>, as Liner's other v2 lists answer (CONTRACT §8), each
/// lead as the v2 detail shows it, by creation time (which is id order here, <see cref="LeadCalendar"/>); <c>next</c> is
/// the offset of the following page, null on the last. A lead Liner "does not know" (<see cref="SandboxOptions.MissingLeads"/>)
/// is not listed.
/// </summary>
internal static class LeadListAnswer
{
    public static SandboxAnswer Page(LeadListQuery query, LeadStore leads, FrozenSet<long> missing)
    {
        var (first, last) = leads.Calendar.Ids(query.From, query.To);
        var page = new List<long>(query.Limit);
        long total;
        if (!query.Filters && !missing.Any(id => id >= first && id <= last))
        {
            // Every id in the range is listed: the page is arithmetic, so a sweep of a million leads stays cheap.
            total = Math.Max(0, last - first + 1);
            for (var id = first + query.Offset; id <= last && page.Count < query.Limit; id++)
            {
                page.Add(id);
            }
        }
        else
        {
            // A filter is read off each lead in the range, every page: fine for the sandbox's thousand leads.
            total = 0;
            for (var id = first; id <= last; id++)
            {
                if (!missing.Contains(id) && Matches(query, leads, id) && total++ >= query.Offset && page.Count < query.Limit)
                {
                    page.Add(id);
                }
            }
        }

        var next = query.Offset + page.Count < total && page.Count > 0 ? query.Offset + page.Count : (long?)null;
        return SandboxAnswer.Ok(json =>
        {
            json.WriteStartArray("list");
            foreach (var id in page)
            {
                json.WriteStartObject();
                V2DetailAnswer.Write(json, leads.Current(id));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (next is long offset)
            {
                json.WriteNumber("next", offset);
            }
            else
            {
                json.WriteNull("next");
            }

            json.WriteNumber("total", total);
        });
    }

    private static bool Matches(LeadListQuery query, LeadStore leads, long id) =>
        (query.StatusIds.Count == 0 || (leads.Status(id) is long status && query.StatusIds.Contains(status)))
        && (query.OrderIds.Count == 0 || query.OrderIds.Contains(LeadSeed.OrderId(id)));
}
