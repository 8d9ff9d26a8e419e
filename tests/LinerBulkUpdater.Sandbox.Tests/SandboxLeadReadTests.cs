using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary>The detail reads (v1 and v2) show what the v1 update changed, and refuse as Liner does.</summary>
public sealed class SandboxLeadReadTests
{
    [Fact]
    public async Task A_v1_update_shows_in_the_v2_detail_mapped_to_v2_names_and_types()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 2, 9, 30, 15, 500, TimeSpan.Zero));
        await using var server = await SandboxServer.StartAsync(new SandboxOptions(), clock);
        using var client = new SandboxTestClient(server);

        var update = await client.UpdateAsync(7, """
            {"client_name":"Пётр Иванов","client_phone":"+79001234567","quiz_log":"{\"q\":1}","status":5,
             "call_timestamp":1750000000,"priority":3,"utc_offset":-5,"telegramUserName":"petr","telegramPhone":"79007654321",
             "vkId":12345,"instagramLogin":"petr.ig"}
            """);
        var lead = await client.DetailV2Async(7);

        Assert.Equal(200, update.Status);
        Assert.Equal((200, true, ""), (lead.Status, lead.Success, lead.Message));
        Assert.Equal(
            ("Пётр Иванов", "+79001234567", "{\"q\":1}", 5L, "2025-06-15T15:06:40Z", 3L, -5L, "petr", "+79007654321", "12345", "petr.ig"),
            ((string?)lead.Value("name"), (string?)lead.Value("phone"), (string?)lead.Value("sourceComment"), (long?)lead.Value("statusId"),
                (string?)lead.Value("planningCallDateTime"), (long?)lead.Value("priority"), (long?)lead.Value("utcOffset"),
                (string?)lead.Value("telegramUserName"), (string?)lead.Value("telegramPhone"), (string?)lead.Value("vkId"),
                (string?)lead.Value("instagramLogin")));
        Assert.Equal("2025-06-02T09:30:15Z", lead.Value("updatedAt"));
    }

    [Fact]
    public async Task Campaign_and_external_id_show_in_the_v1_detail_as_strings_with_their_leading_zeros()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        await client.UpdateAsync(7, """{"campaign_id":"00042","external_id":"crm-1","status":3,"priority":4,"client_phone":"79001234567"}""");
        var lead = await client.DetailV1Async(7);

        Assert.Equal((200, true), (lead.Status, lead.Success));
        Assert.Equal(("00042", "crm-1", "3", "4", "79001234567"),
            ((string?)lead.Value("UF_CAMPAIGN_ID"), (string?)lead.Value("UF_EXTERNAL_ID"), (string?)lead.Value("UF_STATUS"),
                (string?)lead.Value("UF_CALL_PRIORITY"), (string?)lead.Value("UF_PHONE")));
        Assert.False(lead.Data.TryGetProperty("campaign_id", out _));
    }

    [Fact]
    public async Task A_cleared_field_reads_as_null_in_both_versions_whether_cleared_with_null_or_empty()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);
        await client.UpdateAsync(9, """{"client_name":"A","campaign_id":"001","vkId":5,"call_timestamp":1750000000,"telegramUserName":"x"}""");

        await client.UpdateAsync(9, """{"client_name":"","campaign_id":null,"vkId":"","call_timestamp":null,"telegramUserName":null}""");
        var v2 = await client.DetailV2Async(9);
        var v1 = await client.DetailV1Async(9);

        Assert.All(new[] { "name", "vkId", "planningCallDateTime", "telegramUserName" },
            field => Assert.Equal(JsonValueKind.Null, v2.Data.GetProperty(field).ValueKind));
        Assert.Equal(JsonValueKind.Null, v1.Data.GetProperty("UF_CAMPAIGN_ID").ValueKind);
        Assert.Null(server.CurrentLead(9)!["client_name"]);
    }

    [Fact]
    public async Task Lead_keeps_what_was_sent_and_current_lead_shows_the_seed_under_it()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);
        var seeded = server.CurrentLead(11)!;

        await client.UpdateAsync(11, """{"priority":7}""");

        Assert.Equal(new Dictionary<string, object?> { ["priority"] = 7L }, server.Lead(11));
        Assert.Equal(seeded.Where(field => field.Key != "priority").Append(new("priority", 7L)).OrderBy(field => field.Key),
            server.CurrentLead(11)!.OrderBy(field => field.Key));
        Assert.Null(server.Lead(12));
        Assert.NotNull(server.CurrentLead(12));
    }

    [Fact]
    public async Task A_missing_lead_is_404_lead_not_found_on_both_reads()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { MissingLeads = [404] });
        using var client = new SandboxTestClient(server);

        using var raw = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v2/lead/detail/404/") { Headers = { { "X-Api-Key", "k" } } });
        var v1 = await client.DetailV1Async(404);

        Assert.Equal(404, (int)raw.StatusCode);
        Assert.Equal("""{"success":false,"message":"lead not found","data":null}""", await raw.Content.ReadAsStringAsync());
        Assert.Equal((404, false, "lead not found", JsonValueKind.Null), (v1.Status, v1.Success, v1.Message, v1.Data.ValueKind));
        Assert.Null(server.CurrentLead(404));
    }

    [Theory]
    [InlineData("/v2/lead/detail/abc/", "leadId must be an integer > 0, not \"abc\"")]
    [InlineData("/v2/lead/detail/0", "leadId must be an integer > 0, not \"0\"")]
    [InlineData("/v1/lead/detail/-3/", "lead_id must be an integer > 0, not \"-3\"")]
    public async Task A_lead_id_that_is_no_id_is_400_naming_the_parameter(string path, string message)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        var answer = await client.GetAsync(path);

        Assert.Equal((400, false, message), (answer.Status, answer.Success, answer.Message));
    }

    [Fact]
    public async Task Reads_check_the_method_and_the_key_first()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { ApiKey = "right" });
        using var wrong = new SandboxTestClient(server, "wrong");
        using var right = new SandboxTestClient(server, "right");

        var noKey = await wrong.DetailV2Async(7);
        var post = await right.UpdateAsync(7, "{}", path: "/v2/lead/detail/{0}/");

        Assert.Equal((401, "invalid API key"), (noKey.Status, noKey.Message));
        Assert.Equal((405, "method not allowed here; use GET"), (post.Status, post.Message));
        Assert.Equal(200, (await right.DetailV1Async(7)).Status);
    }

    [Fact]
    public async Task Reads_are_recorded_with_their_route_path_and_lead_and_apart_from_updates()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { MissingLeads = [2] });
        using var client = new SandboxTestClient(server);

        await client.DetailV2Async(1);
        await client.UpdateAsync(1, """{"status":1}""");
        await client.DetailV1Async(2);
        await client.GetAsync("/v2/lead-status/");

        Assert.Equal(
            [(SandboxRoute.LeadDetailV2, "/v2/lead/detail/1/", 1L, 200), (SandboxRoute.LeadDetailV1, "/v1/lead/detail/2/", 2L, 404),
                (SandboxRoute.StatusList, "/v2/lead-status/", null, 200)],
            server.Reads.Select(read => (read.Route, read.Path, read.LeadId, read.Status)));
        Assert.Equal(3, server.ReadCount);
        Assert.Equal(1, server.UpdateCount);
        Assert.Equal(SandboxRoute.Update, server.Updates.Single().Route);
        Assert.Equal(4, server.Received.Count);
    }
}
