using Polly;

namespace LinerBulkUpdater.Sending;

/// <summary>One request's attempts so far, carried in its <see cref="ResilienceContext"/> for the pipeline's callbacks.</summary>
/// <param name="Sender">Who runs the attempts (so the pipeline's callback can be static).</param>
/// <param name="LeadId">The lead the request is for; 0 for a list, which only names the request in log lines.</param>
/// <param name="IsRead">A read: cut off in flight, it changed nothing.</param>
/// <param name="Ticket">The row's hold on a slot of <c>--concurrency</c>, kept across its requests; null for a request of no row (a list).</param>
internal sealed record RowAttempts(LeadSender Sender, long LeadId, Func<CancellationToken, Task<AttemptResult>> Request, bool IsRead, RowTicket? Ticket = null)
{
    /// <summary>
    /// The row had reached Liner already when this request was made (its lead was read, or its v1 update landed): its
    /// request goes first. Taken now, not asked later: the row's first request takes the ticket's slot before its pace, and
    /// must not then pass for a started row's in the pace.
    /// </summary>
    public bool Started { get; } = Ticket?.Started ?? false;

    private static readonly ResiliencePropertyKey<RowAttempts> Key = new("liner.row");

    public int Attempts { get; set; }

    /// <summary>The last answer, as the row reports it.</summary>
    public AttemptResult? Last { get; set; }

    /// <summary>What <see cref="AnswerJudge"/> made of the last answer, or of the open circuit.</summary>
    public AnswerVerdict? Verdict { get; set; }

    public static RowAttempts Of(ResilienceContext context) => context.Properties.GetValue(Key, null!);

    public void Into(ResilienceContext context) => context.Properties.Set(Key, this);
}
