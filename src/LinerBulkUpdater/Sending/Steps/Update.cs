using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Sending.Steps;

/// <summary>
/// The row's update: its fields by the v1 update, then its integration ids and custom values by the v2 update once the first landed
/// (<see cref="LeadUpdate.Requests"/>, CONTRACT §7). A failed update may have landed or not, so the lead is unknown after it.
/// </summary>
internal sealed class Update(LeadSender sender) : IRowStep
{
    public async ValueTask<StepOutcome> TakeAsync(RowWalk walk)
    {
        var update = walk.Update;
        var (first, then) = update.Requests;
        var (sent, partly) = then is null ? (await sender.SendAsync(first, walk.Ticket), null) : await SendPartsAsync(first, then, walk.Ticket);
        if (sent.Outcome != Outcome.Updated)
        {
            return walk.Finish(
                new RowResult(walk.Row, partly is null ? sent.Outcome : Outcome.Failed, sent.HttpStatus, sent.Attempts, partly ?? sent.Error, walk.Changes),
                null);
        }

        return (walk with { Sent = sent, Live = walk.Live?.Applied(update) }).Next();
    }

    /// <returns>The last request's result, attempts summed; when the first landed and the second did not, what was applied.</returns>
    private async Task<(SendResult Sent, string? Partly)> SendPartsAsync(LeadUpdate builtIn, LeadUpdate custom, RowTicket? ticket)
    {
        var first = await sender.SendAsync(builtIn, ticket);
        if (first.Outcome != Outcome.Updated)
        {
            return (first, null);
        }

        // The v1 update landed: the v2 update follows it at once, so a killed run's report has the rows Liner changed.
        var second = await sender.SendAsync(custom, ticket);
        second = second with { Attempts = first.Attempts + second.Attempts };
        if (second.Outcome == Outcome.Updated)
        {
            return (second, null);
        }

        var applied = string.Join(", ", builtIn.Fields.Select(value => value.Field.Name));
        var missed = string.Join(", ", custom.Fields.Select(value => value.Field.Name));
        var why = second.Outcome == Outcome.NotSent ? $"were not sent: {second.Error}" : $"failed: {second.Said}";
        var what = custom.Fields.All(value => value.Field.InCustomValues) ? "the custom values" : "the v2 update's fields";
        return (second, $"{applied} applied by the v1 update (HTTP {first.HttpStatus}); {what} ({missed}) {why}");
    }
}
