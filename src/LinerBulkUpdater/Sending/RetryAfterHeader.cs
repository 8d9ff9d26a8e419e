using System.Net.Http.Headers;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// A server's <c>Retry-After</c>, read so that no value can break a timer or a timestamp further on:
/// seconds of any size (the ones past what a <see cref="TimeSpan"/> holds become
/// <see cref="TimeSpan.MaxValue"/>), or an HTTP-date however far off (one already past is no wait).
/// </summary>
internal static class RetryAfterHeader
{
    private const string Name = "Retry-After";

    // More digits than this are more seconds than a TimeSpan holds (about 9.2e11) whatever they say.
    private const int MostDigits = 12;

    private static readonly double LongestSeconds = TimeSpan.MaxValue.TotalSeconds;

    /// <returns>How long the server asks to wait, or null when it gave no Retry-After, or one that is neither form (<c>-5</c>, <c>soon</c>, <c>1.5</c>).</returns>
    public static TimeSpan? Read(HttpResponseHeaders headers, DateTimeOffset now)
    {
        // The raw text: HttpClient's own parser takes only seconds that fit an int and drops the rest as invalid,
        // so 99999999999 would look like no Retry-After at all rather than like "not for ages".
        if (!headers.NonValidated.TryGetValues(Name, out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            return Parse(value, now);
        }

        return null;
    }

    /// <summary>One header value, as <see cref="Read"/> reads it.</summary>
    public static TimeSpan? Parse(string value, DateTimeOffset now)
    {
        var text = value.Trim();
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            var digits = text.TrimStart('0');
            if (digits.Length > MostDigits)
            {
                return TimeSpan.MaxValue;
            }

            var seconds = digits.Length == 0 ? 0 : long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
            return seconds >= LongestSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
        }

        // Every HTTP-date form (IMF-fixdate, RFC 850, asctime); any two DateTimeOffsets are less than a TimeSpan apart.
        if (RetryConditionHeaderValue.TryParse(text, out var parsed) && parsed.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
