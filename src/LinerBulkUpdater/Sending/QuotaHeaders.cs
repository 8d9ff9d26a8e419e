using System.Globalization;
using System.Net.Http.Headers;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// What a server says of its rate limit before it refuses: <c>RateLimit-Remaining</c> / <c>RateLimit-Reset</c> (the IETF
/// draft), its later one-field form <c>RateLimit: remaining=3, reset=1</c> (or <c>r=3;t=1</c>), and the common
/// <c>X-RateLimit-Remaining</c> / <c>X-RateLimit-Reset</c>, whose reset may be a Unix time. Liner documents none of
/// them; a gateway in front of it may send them, and then the run waits for the window instead of hitting 429.
/// </summary>
internal static class QuotaHeaders
{
    // Below this a reset is seconds to wait; from it on, a Unix time (X-RateLimit-Reset as GitHub and others send it).
    private const long UnixTimeFrom = 1_000_000_000;

    /// <returns>Requests left in the window and when it resets; null when the answer says nothing usable.</returns>
    public static (long Remaining, TimeSpan Reset)? Read(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var remaining = Number(headers, "RateLimit-Remaining") ?? Number(headers, "X-RateLimit-Remaining");
        var reset = Number(headers, "RateLimit-Reset") ?? Number(headers, "X-RateLimit-Reset");
        if ((remaining is null || reset is null) && headers.NonValidated.TryGetValues("RateLimit", out var combined))
        {
            foreach (var part in string.Join(',', combined).Split([',', ';'], StringSplitOptions.TrimEntries))
            {
                var (key, value) = Pair(part);
                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    remaining ??= key is "remaining" or "r" ? number : null;
                    reset ??= key is "reset" or "t" ? number : null;
                }
            }
        }

        if (remaining is not { } left || reset is not { } at)
        {
            return null;
        }

        var wait = at >= UnixTimeFrom ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(at, 253_402_300_799)) - now : TimeSpan.FromSeconds(at);
        return (left, wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
    }

    private static long? Number(HttpResponseHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault()?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static (string Key, string Value) Pair(string part)
    {
        var at = part.IndexOf('=');
        return at < 0 ? (part.ToLowerInvariant(), "") : (part[..at].Trim().ToLowerInvariant(), part[(at + 1)..].Trim());
    }
}
