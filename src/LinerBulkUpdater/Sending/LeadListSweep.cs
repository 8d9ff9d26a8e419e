using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LinerBulkUpdater.Sending;

/// <summary>One page of the lead list: its leads (as the v2 detail shows each) and the <c>total</c> Liner gave, if any.</summary>
internal sealed record LeadPage(IReadOnlyList<JsonElement> Leads, long? Total, long Offset);

/// <summary>
/// Pages through Liner's lead list once (CONTRACT §8), each page a read through the run's sender (its limiter, retries,
/// circuit breaker and stop). The answer is taken to be <c>data: {list, next, total}</c>, as Liner's other v2 lists
/// answer (its docs do not show this one): <c>next</c> is the following page's offset, null or absent on the last. Paging
/// also ends at an empty page whatever <c>next</c> says, and at a <c>next</c> that does not move forward, so a sweep of N
/// leads costs at most ceil(N / 100) + 1 pages answered, retries not counted.
/// </summary>
/// <remarks>A sweep that cannot finish ends the enumeration and says why in <see cref="Failure"/>; a page's leads are copies, free of its answer.</remarks>
internal sealed class LeadListSweep(LeadSender sender, string listPath, LeadListFilter filter)
{
    /// <summary>Pages read so far.</summary>
    public int Pages { get; private set; }

    /// <summary>Why the sweep ended before the last page (a page that failed, the run stopped, an answer of another shape); null while it goes on or once it finished.</summary>
    public string? Failure { get; private set; }

    public async IAsyncEnumerable<LeadPage> PagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long offset = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var path = filter.PageOf(listPath, offset);
            var answer = await sender.ReadPageAsync(path);
            if (answer.Outcome != ReadOutcome.Read)
            {
                Failure = $"the lead list could not be read at offset {offset} ({answer.Said})";
                yield break;
            }

            Pages++;
            if (Read(answer.Data, offset) is not { } page)
            {
                Failure = $"the lead list's answer at offset {offset} is not data: {{list, next, total}}; check Liner:LeadListPath";
                yield break;
            }

            if (page.Leads.Count == 0)
            {
                yield break;
            }

            yield return page;
            var next = Next(answer.Data!.Value);
            if (next is not { } following || following <= offset)
            {
                yield break;
            }

            offset = following;
        }
    }

    private static LeadPage? Read(JsonElement? data, long offset)
    {
        if (data is not { ValueKind: JsonValueKind.Object } answer || !answer.TryGetProperty("list", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var leads = new List<JsonElement>(list.GetArrayLength());
        foreach (var lead in list.EnumerateArray())
        {
            leads.Add(lead);
        }

        long? total = answer.TryGetProperty("total", out var count) ? ListRead.Id(count) : null;
        return new LeadPage(leads, total, offset);
    }

    private static long? Next(JsonElement data) =>
        data.TryGetProperty("next", out var next) ? ListRead.Id(next) : null;
}
