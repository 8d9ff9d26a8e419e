using LinerBulkUpdater.Sandbox;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Tests.Sending;

/// <summary>Reads through LeadSender against the sandbox: a result of their own, never an update's.</summary>
public sealed class LeadSenderReadTests
{
    [Fact]
    public async Task A_read_comes_back_with_the_leads_data()
    {
        await using var rig = await SendingRig.StartAsync();

        var read = await rig.Sender.ReadLeadAsync(7, v1: false);

        Assert.Equal((ReadOutcome.Read, (int?)200, ""), (read.Outcome, read.HttpStatus, read.Error));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, read.Data!.Value.ValueKind);
        Assert.Equal(0, rig.Server.UpdateCount);
    }

    [Fact]
    public async Task A_read_of_a_lead_Liner_does_not_know_is_not_found_in_one_attempt()
    {
        await using var rig = await SendingRig.StartAsync(new SandboxOptions { MissingLeads = [7] });

        var read = await rig.Sender.ReadLeadAsync(7, v1: false);

        Assert.Equal(new ReadResult(ReadOutcome.NotFound, 404, "lead not found"), read);
        Assert.Empty(rig.Log.RetryDelays);
    }

    [Fact]
    public async Task A_read_answered_503_is_retried_like_an_update()
    {
        await using var rig = await SendingRig.StartAsync(new SandboxOptions { ReadScript = new() { ["7"] = ["503"] } });

        var read = await rig.DriveAsync(rig.Sender.ReadLeadAsync(7, v1: false), TimeSpan.FromMilliseconds(10));

        Assert.Equal(ReadOutcome.Read, read.Outcome);
        Assert.Single(rig.Log.RetryDelays);
    }

    [Fact]
    public async Task A_read_after_the_run_stopped_is_not_sent()
    {
        await using var rig = await SendingRig.StartAsync();
        rig.Stop.Stop("Ctrl+C was pressed");

        var read = await rig.Sender.ReadLeadAsync(7, v1: false);

        Assert.Equal(new ReadResult(ReadOutcome.NotSent, null, "not sent: Ctrl+C was pressed"), read);
    }
}
