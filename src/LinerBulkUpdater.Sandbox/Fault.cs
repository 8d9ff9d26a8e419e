using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// How one update request misbehaves: an answer sent at once in place of Liner's (no latency, nothing
/// stored), a stall before Liner's normal answer, or neither. Also the syntax of a scripted entry.
/// </summary>
internal sealed class Fault
{
    public const string EntrySyntax =
        "200, a status 400-599, 429[:seconds], 503[:seconds], drop, stall[:seconds], refuse[:message] or html";

    private Fault(SandboxAnswer? instead, TimeSpan stall)
    {
        Instead = instead;
        Stall = stall;
    }

    public static Fault None { get; } = new(null, TimeSpan.Zero);

    /// <summary>Sent at once instead of Liner's answer; <see cref="SandboxAnswer.Drop"/> cuts the connection.</summary>
    public SandboxAnswer? Instead { get; }

    /// <summary>Waited before the normal answer (and its latency).</summary>
    public TimeSpan Stall { get; }

    public static Fault Answer(SandboxAnswer answer) => new(answer, TimeSpan.Zero);

    public static Fault StallFor(int seconds) => new(null, TimeSpan.FromSeconds(seconds));

    /// <summary>
    /// One entry of <see cref="SandboxOptions.Script"/> (see <see cref="EntrySyntax"/>), or why it is
    /// not one. Bare <c>stall</c> and <c>429</c> take their seconds from <paramref name="defaults"/>.
    /// </summary>
    public static bool TryParse(string? entry, SandboxFaults defaults,
        [NotNullWhen(true)] out Fault? fault, [NotNullWhen(false)] out string? problem)
    {
        (fault, problem) = Read(entry?.Trim() ?? "", defaults);
        return fault is not null;
    }

    private static (Fault?, string?) Read(string entry, SandboxFaults defaults)
    {
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        var word = (colon < 0 ? entry : entry[..colon]).ToLowerInvariant();
        var argument = colon < 0 ? null : entry[(colon + 1)..];
        switch (word)
        {
            case "drop" or "html" when argument is not null:
                return (null, $"{word} takes no argument");
            case "drop":
                return (Answer(SandboxAnswer.Drop), null);
            case "html":
                return (Answer(SandboxAnswer.ProxyErrorPage), null);
            case "refuse":
                return (Answer(SandboxAnswer.RefusedWith200(argument ?? "sandbox: refused")), null);
            case "stall":
                return Seconds(argument, defaults.StallSeconds) is int stall
                    ? (StallFor(stall), null)
                    : (null, BadSeconds(argument));
            default:
                return ReadStatus(word, argument, defaults);
        }
    }

    private static (Fault?, string?) ReadStatus(string word, string? argument, SandboxFaults defaults)
    {
        if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            || !(status == StatusCodes.Status200OK || status is >= 400 and <= 599))
        {
            return (null, $"not one of {EntrySyntax}");
        }

        // Retry-After belongs to "slow down" (429) and "come back later" (503); on another status
        // a seconds argument is more likely a typo than a wish.
        if (argument is not null && status is not (StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable))
        {
            return (null, $"only 429 and 503 take :seconds (a Retry-After), not {status}");
        }

        if (status == StatusCodes.Status200OK)
        {
            return (None, null);
        }

        var message = $"sandbox: scripted {status}";
        // A 429 always says when to come back: a bare one uses the same default as a random 429.
        if (argument is null && status != StatusCodes.Status429TooManyRequests)
        {
            return (Answer(SandboxAnswer.Refused(status, message)), null);
        }

        return Seconds(argument, defaults.RetryAfterSeconds) is int retryAfter
            ? (Answer(SandboxAnswer.Refused(status, message, retryAfter)), null)
            : (null, BadSeconds(argument));
    }

    private static int? Seconds(string? argument, int fallback) =>
        argument is null
            ? fallback
            : int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= SandboxFaults.MaxSeconds
                ? seconds
                : null;

    private static string BadSeconds(string? argument) =>
        $"seconds must be a whole number from 0 to {SandboxFaults.MaxSeconds}, not \"{argument}\"";
}
