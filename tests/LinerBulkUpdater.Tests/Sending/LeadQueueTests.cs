using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Tests.Sending;

public sealed class LeadQueueTests
{
    private static RowToSend Row(int sourceRow, long leadId) =>
        new(new RawRow(sourceRow, sourceRow + 1, [leadId.ToString(), sourceRow.ToString()]), SendingRig.Update(leadId, sourceRow));

    [Fact]
    public void The_first_row_of_an_idle_lead_starts_at_once()
    {
        var queue = new LeadQueue();

        Assert.True(queue.TryStart(Row(1, 7)));
    }

    [Fact]
    public void Rows_of_a_busy_lead_wait_and_come_out_of_finish_in_file_order()
    {
        var queue = new LeadQueue();
        var first = Row(1, 7);
        var later = new[] { Row(2, 7), Row(5, 7), Row(9, 7) };

        Assert.True(queue.TryStart(first));
        Assert.All(later, row => Assert.False(queue.TryStart(row)));

        Assert.Same(later[0], queue.Finish(7));
        Assert.Same(later[1], queue.Finish(7));
        Assert.Same(later[2], queue.Finish(7));
    }

    [Fact]
    public void Finishing_the_last_row_of_a_lead_frees_it()
    {
        var queue = new LeadQueue();
        queue.TryStart(Row(1, 7));
        queue.TryStart(Row(2, 7));

        Assert.NotNull(queue.Finish(7));
        Assert.Null(queue.Finish(7));

        // Idle again: the next row of the lead goes at once instead of waiting behind nothing.
        var again = Row(3, 7);
        Assert.True(queue.TryStart(again));
        Assert.Null(queue.Finish(7));
    }

    [Fact]
    public void A_lead_whose_only_row_is_finished_is_idle_again()
    {
        var queue = new LeadQueue();
        queue.TryStart(Row(1, 7));

        Assert.Null(queue.Finish(7));
        Assert.True(queue.TryStart(Row(2, 7)));
    }

    [Fact]
    public void A_busy_lead_holds_up_no_other_lead()
    {
        var queue = new LeadQueue();
        queue.TryStart(Row(1, 7));
        queue.TryStart(Row(2, 7));

        Assert.True(queue.TryStart(Row(3, 8)));
        Assert.True(queue.TryStart(Row(4, 9)));

        // Finishing one lead hands on only its own rows.
        Assert.Null(queue.Finish(8));
        Assert.Equal(2, queue.Finish(7)!.Row.SourceRow);
        Assert.Null(queue.Finish(9));
        Assert.Null(queue.Finish(7));
    }

    [Fact]
    public async Task Workers_finishing_in_parallel_never_have_two_rows_of_a_lead_out_at_once()
    {
        // Real threads, no clock: each "worker" owns a row until it finishes it, as RowPipeline's do.
        var queue = new LeadQueue();
        const int Leads = 8;
        const int RowsPerLead = 500;
        var inFlight = new int[Leads];
        var sent = Enumerable.Range(0, Leads).Select(_ => new List<int>()).ToArray();
        var overlaps = 0;
        using var started = new System.Collections.Concurrent.BlockingCollection<RowToSend>();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            foreach (var first in started.GetConsumingEnumerable())
            {
                for (var next = first; next is not null; next = queue.Finish(next.Update.LeadId))
                {
                    var lead = (int)next.Update.LeadId;
                    if (Interlocked.Increment(ref inFlight[lead]) > 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    sent[lead].Add(next.Row.SourceRow);
                    Thread.SpinWait(50);
                    Interlocked.Decrement(ref inFlight[lead]);
                }
            }
        })).ToArray();

        // The reader's side, while the workers finish rows: a lead may go idle between two of its rows.
        for (var i = 0; i < Leads * RowsPerLead; i++)
        {
            var row = Row(i + 1, i % Leads);
            if (queue.TryStart(row))
            {
                started.Add(row);
            }

            if (i % 16 == 0)
            {
                Thread.SpinWait(200);
            }
        }

        started.CompleteAdding();
        await Task.WhenAll(workers).WaitAsync(SendingRig.Patience);

        Assert.Equal(0, overlaps);
        for (var lead = 0; lead < Leads; lead++)
        {
            Assert.Equal(Enumerable.Range(0, RowsPerLead).Select(n => (n * Leads) + lead + 1), sent[lead]);
        }
    }
}
