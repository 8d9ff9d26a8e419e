using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Sending.Steps;

/// <summary>
/// Where a row is on its walk to Liner: the update as it now stands, what the report will say it changes, what is known
/// of the lead, and the update's answer once sent. Each step takes one and returns the next (<see cref="StepOutcome"/>).
/// </summary>
/// <param name="Live">What Liner holds for the lead, as read or as the lead's earlier rows set it; null when unknown.</param>
/// <param name="Changed">The fields that differ from what Liner holds, with its values (after a read).</param>
/// <param name="Sent">The update's answer, once it landed.</param>
/// <param name="Ticket">The row's slot of <c>--concurrency</c>, kept across its requests: once it reached Liner its next
/// request goes before requests that start a row, so what was read is fresh when the write goes (CONTRACT §6).</param>
/// <param name="LeftAlone">Applying an undo file: the fields left as they are because they changed since the run
/// (<see cref="Guard"/>), which make the row <c>changed_since</c> once the rest is put back; null when none.</param>
internal sealed record RowWalk(RawRow Row, LeadUpdate Update, string Changes, LiveLead? Live, IReadOnlyList<FieldChange> Changed, SendResult? Sent, RowTicket? Ticket = null, string? LeftAlone = null)
{
    public static RowWalk Start(RowToSend next, LiveLead? known, RowTicket? ticket = null) => new(next.Row, next.Update, next.Changes, known, [], null, ticket);

    /// <summary>The walk goes on.</summary>
    public StepOutcome Next() => new(this, null);

    /// <summary>
    /// The walk with only <paramref name="kept"/> (some of <see cref="Changed"/>) to send: the update, what the undo row
    /// covers and what the report says it changes.
    /// </summary>
    public RowWalk Sending(IReadOnlyList<FieldChange> kept) => this with
    {
        Update = kept.Count == Update.Fields.Count ? Update : Update with { Fields = [.. kept.Select(change => change.After)] },
        Changed = kept,
        Changes = FieldChange.Describe(kept),
    };

    /// <summary>The row is finished with <paramref name="result"/>; what is known of the lead afterwards is <paramref name="live"/>.</summary>
    public StepOutcome Finish(RowResult result, LiveLead? live) => new(this with { Live = live }, result);

    /// <summary>The walk's end with no step finishing it: the update landed (or, in a dry run, would be sent).</summary>
    public RowResult Result => (Sent, LeftAlone) switch
    {
        ({ } sent, null) => new RowResult(Row, Outcome.Updated, sent.HttpStatus, sent.Attempts, Changes: Changes),
        ({ } sent, { } left) => new RowResult(Row, Outcome.ChangedSince, sent.HttpStatus, sent.Attempts, left, Changes),
        (null, null) => new RowResult(Row, Outcome.DryRun, Changes: Changes),
        (null, { } left) => new RowResult(Row, Outcome.ChangedSince, 200, 0, $"{left}; the rest would be put back", Changes),
    };
}

/// <summary>What a step made of a row: the walk as it now stands, and the row's result when the step finished it.</summary>
internal readonly record struct StepOutcome(RowWalk Walk, RowResult? Finished);

/// <summary>One step of a row's walk (<see cref="Planning.RowStep"/>): a small type with its own tests, in the spirit of Polly's strategies.</summary>
internal interface IRowStep
{
    ValueTask<StepOutcome> TakeAsync(RowWalk walk);
}
