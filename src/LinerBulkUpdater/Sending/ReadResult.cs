using System.Text.Json;

namespace LinerBulkUpdater.Sending;

/// <summary>What one read (<see cref="LeadSender.ReadAsync"/>) came to, over all its attempts.</summary>
/// <param name="HttpStatus">The last answer's status; null when none came, or no request went.</param>
/// <param name="Error">Liner's words, or ours, when it was not <see cref="ReadOutcome.Read"/>.</param>
/// <param name="Data">With <see cref="ReadOutcome.Read"/>: the envelope's <c>data</c>, if it had one (a copy, free of the answer's buffer).</param>
internal sealed record ReadResult(ReadOutcome Outcome, int? HttpStatus, string Error, JsonElement? Data = null)
{
    /// <summary>The answer for a message: <c>HTTP 404: …</c>, or our words when no answer came.</summary>
    public string Said => HttpStatus is { } status ? $"HTTP {status}: {Error}" : Error;

    /// <summary>The read's final answer.</summary>
    public static ReadResult Of(AttemptResult answer) => answer.Succeeded
        ? new(ReadOutcome.Read, answer.HttpStatus, answer.Error, answer.Data)
        : Unread(answer.HttpStatus, answer.Error);

    /// <summary>The run stopped before the read was done: not sent if no attempt went out, else what the last one said.</summary>
    public static ReadResult Stopped(AttemptResult? last, string why) => last is null
        ? new(ReadOutcome.NotSent, null, $"not sent: {why}")
        : Unread(last.HttpStatus, $"{last.Error} (not retried: {why})");

    private static ReadResult Unread(int? status, string error) =>
        new(IsNotFound(status, error) ? ReadOutcome.NotFound : ReadOutcome.Failed, status, error);

    /// <summary>404, or an envelope that says the lead is not there: Liner documents no code for it.</summary>
    private static bool IsNotFound(int? status, string error) =>
        status == 404 || (status == 200 && error.Contains("not found", StringComparison.OrdinalIgnoreCase));
}

/// <summary>How a read ended.</summary>
internal enum ReadOutcome
{
    /// <summary>Liner answered with what was asked for.</summary>
    Read,

    /// <summary>Liner does not know it: a 404, or an envelope that says "not found".</summary>
    NotFound,

    /// <summary>Any other refusal, no answer, or attempts spent.</summary>
    Failed,

    /// <summary>The run stopped before the read went out.</summary>
    NotSent,
}
