namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary><c>Sandbox:Ignores</c>: Liner accepts an update but does not keep a field, for <c>--verify</c>.</summary>
public sealed class SandboxIgnoresTests
{
    [Fact]
    public async Task An_ignored_field_is_answered_as_accepted_but_the_reads_keep_the_old_value()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Ignores = { ["7"] = ["status", "campaign_id"] } });
        using var client = new SandboxTestClient(server);
        var before = server.CurrentLead(7)!;

        var update = await client.UpdateAsync(7, """{"status":6,"campaign_id":"00099","priority":1}""");
        var v2 = await client.DetailV2Async(7);
        var v1 = await client.DetailV1Async(7);

        Assert.Equal((200, true), (update.Status, update.Success));
        Assert.Equal((before["status"], 1L), (v2.Value("statusId"), v2.Value("priority")));
        Assert.Equal(before["campaign_id"], v1.Value("UF_CAMPAIGN_ID"));
        Assert.Equal(new Dictionary<string, object?> { ["status"] = 6L, ["campaign_id"] = "00099", ["priority"] = 1L }, server.Lead(7));
        Assert.Equal((before["status"], before["campaign_id"], 1L),
            (server.CurrentLead(7)!["status"], server.CurrentLead(7)!["campaign_id"], server.CurrentLead(7)!["priority"]));
    }

    [Fact]
    public async Task Other_leads_keep_the_same_field()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Ignores = { ["7"] = ["status"] } });
        using var client = new SandboxTestClient(server);

        await client.UpdateAsync(8, """{"status":6}""");

        Assert.Equal(6L, (await client.DetailV2Async(8)).Value("statusId"));
    }

    [Theory]
    [InlineData("7", "Status", "Sandbox:Ignores:7:0: \"Status\" is not a field of the v1 update (one of client_name, client_phone, quiz_log, campaign_id, external_id, status, call_timestamp, priority, utc_offset, telegramUserName, telegramPhone, vkId, instagramLogin)")]
    [InlineData("x", "status", "Sandbox:Ignores: \"x\" is not a lead id (an integer > 0)")]
    public async Task A_wrong_entry_fails_the_start_naming_it(string key, string field, string message)
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(
            () => SandboxServer.StartAsync(new SandboxOptions { Ignores = { [key] = [field] } }));

        Assert.Equal($"{message} (Parameter 'options')", exception.Message);
    }
}
