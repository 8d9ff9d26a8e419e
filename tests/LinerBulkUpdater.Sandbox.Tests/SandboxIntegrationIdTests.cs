namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary>The v2 update sets the four integration ids, the v2 detail shows them, and the v1 update refuses them, as Liner's docs say.</summary>
public sealed class SandboxIntegrationIdTests
{
    [Fact]
    public async Task The_v2_update_sets_and_clears_integration_ids_and_the_v2_detail_shows_them()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        var set = await client.UpdateAsync(7, """{"externalIdAmo":"31877205","externalIdMacro":"M-1","externalIdBitrix24":"","customValues":{"102":"vip"}}""", "/v2/lead/update/{0}/");
        var lead = await client.DetailV2Async(7);

        Assert.Equal((200, true), (set.Status, set.Success));
        Assert.Equal(("31877205", "M-1", null, null),
            ((string?)lead.Value("externalIdAmo"), (string?)lead.Value("externalIdMacro"), (string?)lead.Value("externalIdBitrix24"), (string?)lead.Value("externalIdDomoplaner")));
        Assert.Equal("vip", lead.Data.GetProperty("customValues").GetProperty("102").GetString());
    }

    [Theory]
    [InlineData("/v2/lead/update/{0}/", """{"externalIdAmo":31877205}""", "externalIdAmo must be a string, not 31877205")]
    [InlineData("/v2/lead/update/{0}/", """{"externalIdAmo":"1","externalIdAmo":"2"}""", "field \"externalIdAmo\" appears more than once")]
    [InlineData("/v1/lead/update/{0}/", """{"externalIdAmo":"1"}""", "unknown field \"externalIdAmo\"")]
    public async Task An_integration_id_that_is_no_string_or_sent_by_v1_is_refused(string path, string body, string message)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        var answer = await client.UpdateAsync(7, body, path);

        Assert.Equal((false, 422), (answer.Success, answer.Status));
        Assert.StartsWith(message, answer.Message);
    }
}
