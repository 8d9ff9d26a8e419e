using System.Threading.Channels;
using LinerBulkUpdater.Leads;
using Serilog;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// The run's shape: one reader turns rows into updates and feeds a bounded channel; N workers send
/// them; one writer appends each finished row to the report. Every row read reaches the writer
/// exactly once, whatever its outcome.
/// </summary>
/// <remarks>
/// Once <see cref="RunStop"/> says stop, rows not yet sent are reported not_sent: the reader keeps
/// reading to the end of the file, so the report still has every row. A dry run stops reading instead.
/// </remarks>
/// <param name="statuses">Reads Liner's status list at the first row that names a status; null when the input has no status column.</param>
/// <param name="numberColumns">Says once of each text column where a spreadsheet may have turned ids into numbers; null: not watched.</param>
internal sealed class RowPipeline(RowTriage triage, RowSender? sender, RunStop stop, int concurrency, ILogger log, StatusListOnDemand? statuses = null, NumberColumns? numberColumns = null)
{
    // A dry run shows the first few bodies exactly as they would be sent.
    private const int PreviewBodies = 5;

    // Enough of the problems on the console to see what is wrong; all of them are in the report.
    private const int ProblemsShown = 10;

    // Workers beyond --concurrency, for rows that wait for a retry: 7 % of 1,500 rows/s waiting 1-2 s each is ~150.
    private const int Waiting = 256;

    /// <summary>
    /// Set when the run stopped because Liner's status list could not be read before any row went to Liner: nothing was
    /// sent, so the run is refused (exit 2), not stopped part-way.
    /// </summary>
    public string? Refusal { get; private set; }

    /// <summary>Runs every row through. With no sender (a dry run that reads nothing) no request is made.</summary>
    /// <param name="report">Where each finished row goes; only ever written from one task at a time.</param>
    /// <param name="counts">Counted as rows are written, so progress can be read while the run goes.</param>
    public async Task RunAsync(IEnumerable<RawRow> rows, IReportWriter report, OutcomeCounts counts)
    {
        // Rows between the reader and the report at once: memory stays flat whatever the file's size.
        var inFlightLimit = Math.Max(256, concurrency * 8);
        var rowSlots = new SemaphoreSlim(inFlightLimit);
        var work = Channel.CreateBounded<RowToSend>(new BoundedChannelOptions(inFlightLimit) { SingleWriter = true });
        var results = Channel.CreateUnbounded<Done>(new UnboundedChannelOptions { SingleReader = true });
        var leads = new LeadQueue();

        // A report that cannot be written (a full disk) stops everything: the reader must not wait for
        // slots that only the writer frees.
        using var writerFailed = new CancellationTokenSource();
        var writer = Task.Run(
            async () =>
            {
                try
                {
                    await WriteAsync(results.Reader, report, rowSlots, counts);
                }
                catch (Exception exception)
                {
                    stop.Cut($"the report could not be written: {exception.Message.ReplaceLineEndings(" ")}");
                    await writerFailed.CancelAsync();
                    throw;
                }
            },
            CancellationToken.None);
        // More workers than --concurrency: the sender caps what is on the wire, and a row waiting for its retry keeps a
        // worker, not a slot, so the other leads go on meanwhile.
        var workers = sender is null
            ? []
            : Enumerable.Range(0, Math.Min(inFlightLimit, concurrency + Waiting)).Select(_ => Task.Run(() => SendAsync(sender, work.Reader, results.Writer, leads), CancellationToken.None)).ToArray();
        Exception? unreadable = null;
        try
        {
            await Task.Run(() => ReadAsync(rows, work.Writer, results.Writer, leads, rowSlots, writerFailed.Token), CancellationToken.None);
        }
        catch (OperationCanceledException) when (writerFailed.IsCancellationRequested)
        {
            // The writer's own failure is what the run ends with, below.
        }
        catch (Exception exception)
        {
            // The run stops: rows read so far and not yet sent are reported not_sent; those past the damage cannot be read.
            stop.Stop($"the input could not be read to its end: {exception.Message.ReplaceLineEndings(" ")}");
            unreadable = exception;
        }

        work.Writer.Complete();
        await Task.WhenAll(workers);
        results.Writer.Complete();
        await writer;
        if (unreadable is not null)
        {
            // Not a UsageException even if the reader threw one: rows may have been sent, so this is no exit 2.
            throw new InvalidDataException(stop.Reason, unreadable);
        }
    }

    private async Task ReadAsync(IEnumerable<RawRow> rows, ChannelWriter<RowToSend> work, ChannelWriter<Done> results, LeadQueue leads, SemaphoreSlim rowSlots, CancellationToken writerFailed)
    {
        var (previewed, handedOn) = (0, 0);
        foreach (var row in rows)
        {
            await rowSlots.WaitAsync(writerFailed);
            if (statuses?.Needs(row) == true && await statuses.ReadAsync() is { } unread)
            {
                // Nothing went to Liner: this input is refused (exit 2), and a folder run goes on with its next file, as
                // when the list was read before the first row; once rows went on, the run stops.
                if (handedOn == 0)
                {
                    Refusal = unread;
                }
                else
                {
                    stop.Stop(unread);
                }
            }

            // A status name that could not be checked is no mistake of the row's: it was not sent.
            var (finished, update) = statuses?.CannotCheck(row) == true ? (NotSent(row), null) : triage.Decide(row);
            foreach (var cell in update is null || numberColumns is null ? [] : numberColumns.FirstOf(update.Update))
            {
                log.Warning("Column {Column} has number cells (first {Cell}: {Value}): {Why}", cell.Column, cell.Cell, cell.Text, cell.Why);
            }

            if (finished is not null)
            {
                if (finished.Outcome == Outcome.Invalid)
                {
                    log.Debug("Row {Row} is invalid: {Reason}", row.SourceRow, finished.Error);
                }
                else if (finished.Outcome == Outcome.DryRun && update is not null && ++previewed <= PreviewBodies)
                {
                    log.Information("Would send lead {LeadId}: {Body}", update.Update.LeadId, System.Text.Encoding.UTF8.GetString(update.Update.ToJson()));
                }

                results.TryWrite(new Done(finished, null));
            }
            else if (stop.IsStopped || Refusal is not null)
            {
                results.TryWrite(new Done(NotSent(row), null));
            }
            else
            {
                var next = update!;
                handedOn++;
                if (leads.TryStart(next))
                {
                    await work.WriteAsync(next, writerFailed);
                }
            }

            if (sender is null && (stop.IsStopped || Refusal is not null))
            {
                // A dry run's reading is all its work: a stop ends it, and the report has every row checked so far.
                break;
            }
        }
    }

    private async Task SendAsync(RowSender sender, ChannelReader<RowToSend> work, ChannelWriter<Done> results, LeadQueue leads)
    {
        await foreach (var first in work.ReadAllAsync())
        {
            // This worker holds the lead until its queued rows are done: what it knows of the lead lives as long.
            LiveLead? known = null;
            for (var next = first; next is not null; next = leads.Finish(next.Update.LeadId))
            {
                if (stop.IsStopped)
                {
                    results.TryWrite(new Done(NotSent(next.Row), null));
                    continue;
                }

                RowResult sent;
                var ticket = sender.NewRow(known);
                try
                {
                    (sent, known) = await sender.SendAsync(next, known, ticket);
                }
                catch (Exception exception)
                {
                    // Whatever went wrong, the row is reported and its lead freed for the rows behind it.
                    log.Error(exception, "Row {Row} (lead {LeadId}): unexpected failure while sending", next.Row.SourceRow, next.Update.LeadId);
                    sent = new RowResult(next.Row, Outcome.Failed, Error: $"unexpected failure while sending: {exception.Message.ReplaceLineEndings(" ")}; the update may or may not have been applied");
                    known = null;
                }

                if (sent.Outcome == Outcome.Failed)
                {
                    log.Debug("Row {Row} (lead {LeadId}) failed after {Attempts} attempt(s): {Status} {Reason}", next.Row.SourceRow, next.Update.LeadId, sent.Attempts, sent.HttpStatus, sent.Error);
                }

                // The row's slot is freed once the row is in the report (WriteAsync).
                results.TryWrite(new Done(sent, ticket));
            }
        }
    }

    private RowResult NotSent(RawRow row) => new(row, Outcome.NotSent, Error: $"not sent: {Refusal ?? stop.Reason}");

    private async Task WriteAsync(ChannelReader<Done> results, IReportWriter report, SemaphoreSlim rowSlots, OutcomeCounts counts)
    {
        var problems = 0;
        var written = new List<RowTicket>();
        while (await results.WaitToReadAsync(CancellationToken.None))
        {
            // Write what is ready, then flush once: a killed run loses no finished row, and a fast
            // run does not pay a system call per row.
            while (results.TryRead(out var done))
            {
                var result = done.Result;
                if (done.Ticket is { } ticket)
                {
                    written.Add(ticket);
                }

                report.Write(result);
                counts.Add(result.Outcome);
                rowSlots.Release();
                if (result.Outcome is Outcome.Failed or Outcome.Invalid or Outcome.ChangedSince && ++problems <= ProblemsShown)
                {
                    log.Warning("Row {Row} {Outcome}: {Reason}", result.Row.SourceRow, result.Outcome.ToReportName(), result.Error.ReplaceLineEndings(" "));
                    if (problems == ProblemsShown)
                    {
                        log.Warning("Further failed, invalid and changed_since rows are only in the report");
                    }
                }
            }

            report.Flush();

            // Only now do the rows' slots go to other rows: what reached Liner and is not in the report is at most --concurrency rows.
            foreach (var ticket in written)
            {
                ticket.Dispose();
            }

            written.Clear();
        }
    }

    /// <summary>A finished row on its way to the report, with its slot of --concurrency to free once it is written.</summary>
    private readonly record struct Done(RowResult Result, RowTicket? Ticket);
}
