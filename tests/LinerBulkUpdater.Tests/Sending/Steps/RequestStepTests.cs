using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sandbox;
using LinerBulkUpdater.Sending;
using LinerBulkUpdater.Sending.Steps;

namespace LinerBulkUpdater.Tests.Sending.Steps;

/// <summary>The steps of a row's walk that ask Liner (the sandbox, over HTTP): the read before, the update, the read back.</summary>
public sealed class RequestStepTests
{
    private static readonly FieldRules Rules = new(FieldRulesOptions.Default);

    private static RowWalk Walk(long leadId, long status, LiveLead? known = null) =>
        RowWalk.Start(new RowToSend(new RawRow(1, 2, [$"{leadId}", $"{status}"]), SendingRig.Update(leadId, status), ""), known);

    [Fact]
    public async Task The_read_before_reads_a_lead_once_and_a_later_row_of_it_uses_what_the_walk_knows()
    {
        await using var rig = await SendingRig.StartAsync();
        var step = new ReadBefore(rig.Sender, Rules, rig.Stop);

        var (first, none) = await rig.DriveAsync(step.TakeAsync(Walk(7, 3)).AsTask());
        var (second, _) = await rig.DriveAsync(step.TakeAsync(Walk(7, 4, first.Live)).AsTask());

        Assert.Null(none);
        Assert.NotNull(first.Live);
        Assert.Single(rig.Server.Reads);
        Assert.Same(first.Live, second.Live);
    }

    [Fact]
    public async Task A_lead_the_read_does_not_find_fails_unsent_and_nothing_is_known_of_it()
    {
        await using var rig = await SendingRig.StartAsync(new SandboxOptions { ReadScript = new() { ["7"] = ["404"] } });

        var (walk, finished) = await rig.DriveAsync(new ReadBefore(rig.Sender, Rules, rig.Stop).TakeAsync(Walk(7, 3)).AsTask());

        Assert.Equal(Outcome.Failed, finished!.Outcome);
        Assert.StartsWith("lead not found: HTTP 404", finished.Error);
        Assert.Null(walk.Live);
        Assert.Equal(0, rig.Server.UpdateCount);
    }

    [Fact]
    public async Task An_update_that_landed_carries_its_answer_and_the_lead_as_it_set_it()
    {
        await using var rig = await SendingRig.StartAsync();
        var (read, _) = await rig.DriveAsync(new ReadBefore(rig.Sender, Rules, rig.Stop).TakeAsync(Walk(7, 3)).AsTask());

        var (walk, finished) = await rig.DriveAsync(new Update(rig.Sender).TakeAsync(read).AsTask());

        Assert.Null(finished);
        Assert.Equal((Outcome.Updated, 200), (walk.Sent!.Outcome, walk.Sent.HttpStatus));
        Assert.Empty(walk.Live!.Changes(SendingRig.Update(7, 3)));
        Assert.Equal(3, SendingRig.StatusSent(Assert.Single(rig.UpdatesOf(7))));
    }

    [Fact]
    public async Task An_update_Liner_refuses_finishes_the_row_and_forgets_the_lead()
    {
        await using var rig = await SendingRig.StartAsync(new SandboxOptions { Script = new() { ["7"] = ["422"] } });

        var (walk, finished) = await rig.DriveAsync(new Update(rig.Sender).TakeAsync(Walk(7, 3)).AsTask());

        Assert.Equal((Outcome.Failed, 422), (finished!.Outcome, finished.HttpStatus));
        Assert.Null(walk.Live);
    }

    [Fact]
    public async Task The_read_back_passes_a_kept_update_and_knows_the_lead_as_read()
    {
        await using var rig = await SendingRig.StartAsync();
        var (sent, _) = await rig.DriveAsync(new Update(rig.Sender).TakeAsync(Walk(7, 3)).AsTask());

        var (walk, finished) = await rig.DriveAsync(new ReadBack(rig.Sender, Rules).TakeAsync(sent).AsTask());

        Assert.Null(finished);
        Assert.Empty(walk.Live!.Changes(SendingRig.Update(7, 3)));
        Assert.Equal(Outcome.Updated, walk.Result.Outcome);
    }

    [Fact]
    public async Task A_number_cell_that_lost_the_zeros_liner_holds_makes_the_row_invalid_before_anything_is_sent()
    {
        await using var rig = await SendingRig.StartAsync();
        var known = LiveLead.From(
            System.Text.Json.JsonDocument.Parse("""{"id":7,"statusId":3}""").RootElement,
            System.Text.Json.JsonDocument.Parse("""{"id":7,"UF_CAMPAIGN_ID":"001201"}""").RootElement,
            Rules);
        var update = new LeadUpdate(7, [FieldValue.Of(LeadFields.CampaignId, "1201")])
        {
            NumberCells = [new NumberCell(LeadFields.CampaignId, "'campaign_id'", "B2", "1201")],
        };

        var (walk, finished) = await rig.DriveAsync(new ReadBefore(rig.Sender, Rules, rig.Stop).TakeAsync(RowWalk.Start(new RowToSend(new RawRow(1, 2, ["7", "1201"]), update, ""), known)).AsTask());

        Assert.Equal(
            (Outcome.Invalid, 200, "column 'campaign_id': 1201 is a number cell (B2), and Liner holds '001201': the spreadsheet dropped the leading zeros; format the column as text and enter the values again"),
            (finished!.Outcome, finished.HttpStatus, finished.Error));
        Assert.Same(known, walk.Live);
        Assert.Empty(rig.Server.Reads);
        Assert.Equal(0, rig.Server.UpdateCount);
    }
}
