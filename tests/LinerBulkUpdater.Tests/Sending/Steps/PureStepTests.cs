using System.Text.Json;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sending;
using LinerBulkUpdater.Sending.Steps;

namespace LinerBulkUpdater.Tests.Sending.Steps;

/// <summary>The steps of a row's walk that make no request: the live diff, the description, the undo row, and the walk's end.</summary>
public sealed class PureStepTests
{
    private static readonly FieldRules Rules = new(FieldRulesOptions.Default);
    private static readonly RawRow Row = new(1, 2, ["123", "3", "4"]);

    private static LiveLead Lead() => LiveLead.From(JsonDocument.Parse("""{"id":123,"statusId":3,"priority":0}""").RootElement, null, Rules);

    private static LeadUpdate Update(params (LeadField Field, string Cell)[] cells) =>
        new(123, cells.Select(cell => { Assert.Null(Rules.TryRead(cell.Field, cell.Cell, out var value)); return value; }).ToList());

    private static RowWalk ReadWalk(LeadUpdate update)
    {
        var live = Lead();
        return RowWalk.Start(new RowToSend(Row, update, ""), live) with { Changed = live.Changes(update) };
    }

    [Fact]
    public async Task Live_diff_keeps_only_the_fields_that_differ_and_says_what_they_change()
    {
        var (walk, finished) = await new LiveDiff().TakeAsync(ReadWalk(Update((LeadFields.Status, "3"), (LeadFields.Priority, "4"))));

        Assert.Null(finished);
        Assert.Equal([LeadFields.Priority], walk.Update.Fields.Select(value => value.Field));
        Assert.Equal("priority: 0 → 4", walk.Changes);
    }

    [Fact]
    public async Task Live_diff_finishes_a_row_with_nothing_different_as_unchanged_and_keeps_what_is_known()
    {
        var start = ReadWalk(Update((LeadFields.Status, "3")));

        var (walk, finished) = await new LiveDiff().TakeAsync(start);

        Assert.Equal((Outcome.Unchanged, 200, "no field differs from what Liner holds"), (finished!.Outcome, finished.HttpStatus, finished.Error));
        Assert.Same(start.Live, walk.Live);
    }

    [Fact]
    public async Task Describe_keeps_the_whole_update_and_says_what_it_changes()
    {
        var (walk, finished) = await new Describe().TakeAsync(ReadWalk(Update((LeadFields.Status, "3"), (LeadFields.Priority, "4"))));

        Assert.Null(finished);
        Assert.Equal(2, walk.Update.Fields.Count);
        Assert.Equal("priority: 0 → 4", walk.Changes);
    }

    [Fact]
    public async Task An_undo_row_that_cannot_be_written_stops_the_run_and_the_row_is_not_sent()
    {
        using var stop = new RunStop();
        var step = new UndoRow(new FailingUndo(new IOException("No space left on device")), stop);

        var (_, finished) = await step.TakeAsync(ReadWalk(Update((LeadFields.Priority, "4"))));

        Assert.Equal((Outcome.NotSent, "not sent: the undo file could not be written: No space left on device"), (finished!.Outcome, finished.Error));
        Assert.Equal("the undo file could not be written: No space left on device", stop.Reason);
    }

    [Fact]
    public async Task A_value_the_undo_file_cannot_give_back_fails_the_row_unsent_and_the_run_goes_on()
    {
        using var stop = new RunStop();
        var step = new UndoRow(new FailingUndo(refusal: "Liner holds ' x ' in client_name, which an undo file could not put back"), stop);

        var (_, finished) = await step.TakeAsync(ReadWalk(Update((LeadFields.Priority, "4"))));

        Assert.Equal((Outcome.Failed, "Liner holds ' x ' in client_name, which an undo file could not put back; not sent"), (finished!.Outcome, finished.Error));
        Assert.False(stop.IsStopped);
    }

    [Fact]
    public void A_walk_that_no_step_finished_is_updated_when_sent_and_a_dry_run_otherwise()
    {
        var walk = RowWalk.Start(new RowToSend(Row, Update((LeadFields.Priority, "4")), "priority: 0 → 4"), null);

        Assert.Equal((Outcome.DryRun, "priority: 0 → 4"), (walk.Result.Outcome, walk.Result.Changes));
        Assert.Equal((Outcome.Updated, 200, 2), ((walk with { Sent = new SendResult(Outcome.Updated, 200, 2, "") }).Result is var sent ? (sent.Outcome, sent.HttpStatus, sent.Attempts) : default));
    }

    [Fact]
    public void A_lead_applied_is_a_new_value_and_the_old_one_still_says_what_was_read()
    {
        var read = Lead();
        var update = Update((LeadFields.Priority, "4"));

        var after = read.Applied(update);

        Assert.Empty(after.Changes(update));
        Assert.Single(read.Changes(update));
    }

    private sealed class FailingUndo(Exception? failure = null, string? refusal = null) : IUndoLog
    {
        public string? Cover(long leadId, IReadOnlyList<FieldChange> changes, RawRow row) => failure is null ? refusal : throw failure;
    }
}
