namespace LinerBulkUpdater.Leads;

/// <summary>
/// What a <c>--match-by</c> sweep keeps of Liner's leads: each key and the lead ids that hold it, nothing else (for a
/// million leads, a number a key). A key of digits alone (a phone, most CRM ids) is kept as a number, which costs a
/// third of its text; the rare key two leads share keeps its other ids aside.
/// </summary>
internal sealed class LeadIndex
{
    /// <summary>How many of the ids sharing a key a row's reason names.</summary>
    public const int Named = 5;

    private readonly Dictionary<long, long> _numbers = [];
    private readonly Dictionary<string, long> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<long>> _shared = new(StringComparer.Ordinal);

    /// <summary>Leads indexed (a lead listed twice counts once for its key).</summary>
    public long Leads { get; private set; }

    public int Keys => _numbers.Count + _texts.Count;

    /// <summary>
    /// Makes room for <paramref name="leads"/> keys at once (the list's <c>total</c>): grown by doubling instead, a
    /// million keys would hold the old table and the new one together, a third more at the peak.
    /// </summary>
    public void Expect(long leads) => _numbers.EnsureCapacity((int)Math.Min(leads, 20_000_000));

    public void Add(string key, long leadId)
    {
        var number = AsNumber(key);
        if (number is { } digits ? _numbers.TryAdd(digits, leadId) : _texts.TryAdd(key, leadId))
        {
            Leads++;
            return;
        }

        if ((number is { } held ? _numbers[held] : _texts[key]) == leadId)
        {
            // The same lead listed again (the list shifted under the sweep): one lead, one key.
            return;
        }

        if (!_shared.TryGetValue(key, out var more))
        {
            _shared[key] = more = [];
        }

        if (!more.Contains(leadId))
        {
            more.Add(leadId);
            Leads++;
        }
    }

    /// <returns>The leads holding <paramref name="key"/>: the first <see cref="Named"/> ids, and how many there are.</returns>
    public (IReadOnlyList<long> Ids, int Count) Find(string key)
    {
        var found = AsNumber(key) is { } number ? _numbers.TryGetValue(number, out var id) : _texts.TryGetValue(key, out id);
        if (!found)
        {
            return ([], 0);
        }

        if (!_shared.TryGetValue(key, out var more))
        {
            return ([id], 1);
        }

        return ([id, .. more.Take(Named - 1)], 1 + more.Count);
    }

    /// <summary>Digits alone, without a leading zero (<c>007</c> is not <c>7</c>) and short enough for a long.</summary>
    private static long? AsNumber(string key) =>
        key.Length is > 0 and <= 18 && key[0] != '0' && key.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0 ? long.Parse(key, System.Globalization.CultureInfo.InvariantCulture) : null;
}
