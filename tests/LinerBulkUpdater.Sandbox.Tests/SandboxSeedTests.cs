using System.Text.Json;
using System.Text.RegularExpressions;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary>Leads before anything is sent: every id exists, with plausible values made from the id alone.</summary>
public sealed class SandboxSeedTests
{
    private static readonly string[] V2Fields =
    [
        "id", "name", "phone", "sourceComment", "ip", "externalIdBitrix24", "externalIdAmo", "externalIdMacro",
        "externalIdDomoplaner", "statusId", "leadType", "createMethod", "isSecondary", "planningCallDateTime", "priority",
        "utcOffset", "createdAt", "updatedAt", "orderId", "orderCode", "vkId", "instagramLogin", "telegramUserName",
        "telegramPhone", "customValues",
    ];

    [Fact]
    public async Task A_lead_reads_the_same_from_two_sandboxes_and_its_values_are_pinned()
    {
        string first, second;
        await using (var server = await SandboxServer.StartAsync(new SandboxOptions()))
        {
            using var client = new SandboxTestClient(server);
            first = (await client.DetailV2Async(7)).Data.GetRawText() + (await client.DetailV1Async(7)).Data.GetRawText();
        }

        await using (var server = await SandboxServer.StartAsync(new SandboxOptions()))
        {
            using var client = new SandboxTestClient(server);
            second = (await client.DetailV2Async(7)).Data.GetRawText() + (await client.DetailV1Async(7)).Data.GetRawText();
        }

        Assert.Equal(first, second);
        // Pinned, so a change to the seed (which would change every README example and benchmark) is a decision, not an accident.
        await using var pinned = await SandboxServer.StartAsync(new SandboxOptions());
        Assert.Equal(new Dictionary<string, object?>
        {
            ["client_name"] = "Татьяна", ["client_phone"] = "79307702643", ["quiz_log"] = "Интересует ипотека, первый взнос 20%",
            ["campaign_id"] = "72276", ["external_id"] = null, ["status"] = 8L, ["call_timestamp"] = null, ["priority"] = 9L,
            ["utc_offset"] = 6L, ["telegramUserName"] = null, ["telegramPhone"] = "79307702643", ["vkId"] = 871036106L,
            ["instagramLogin"] = null, ["externalIdBitrix24"] = "B24-37373", ["externalIdAmo"] = null, ["externalIdMacro"] = null,
            ["externalIdDomoplaner"] = null, ["custom:101"] = null, ["custom:102"] = "\"basic\"",
        }, pinned.CurrentLead(7));
    }

    [Fact]
    public async Task Seeded_leads_have_the_v2_shape_and_plausible_values()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);
        var statusIds = SandboxStatuses.All.Select(status => (long)status.Id).ToHashSet();

        foreach (var leadId in Enumerable.Range(1, 120))
        {
            var lead = await client.DetailV2Async(leadId);
            var v1 = await client.DetailV1Async(leadId);

            Assert.Equal((200, true, ""), (lead.Status, lead.Success, lead.Message));
            Assert.Equal(V2Fields, lead.Data.EnumerateObject().Select(property => property.Name));
            Assert.Equal((long)leadId, lead.Value("id"));
            Assert.Matches(@"^\p{IsCyrillic}+( \p{IsCyrillic}+)?$", (string)lead.Value("name")!);
            Assert.Matches(@"^\+79\d{9}$", (string)lead.Value("phone")!);
            Assert.Contains((long)lead.Value("statusId")!, statusIds);
            Assert.InRange((long)lead.Value("priority")!, 0, 9);
            Assert.InRange((long)lead.Value("utcOffset")!, 2, 12);
            Assert.True(lead.Value("planningCallDateTime") is not string call || Regex.IsMatch(call, @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
            Assert.True(lead.Value("vkId") is not string vkId || Regex.IsMatch(vkId, @"^[1-9]\d+$"));
            Assert.Equal(JsonValueKind.Object, lead.Data.GetProperty("customValues").ValueKind);
            Assert.True(v1.Value("UF_CAMPAIGN_ID") is not string campaign || Regex.IsMatch(campaign, @"^\d{5}$"));
            Assert.All(v1.Data.EnumerateObject(), property => Assert.True(property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null));
        }
    }

    [Fact]
    public async Task Optional_fields_are_empty_for_some_leads_and_set_for_others_and_empty_is_null()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        var leads = Enumerable.Range(1, 200).Select(leadId => server.CurrentLead(leadId)!).ToList();

        foreach (var field in new[] { "quiz_log", "campaign_id", "external_id", "call_timestamp", "telegramUserName", "telegramPhone", "vkId", "instagramLogin" })
        {
            Assert.Contains(leads, lead => lead[field] is null);
            Assert.Contains(leads, lead => lead[field] is not null);
        }

        Assert.DoesNotContain(leads, lead => lead.Values.Any(value => value is ""));
        Assert.Contains(leads, lead => lead["campaign_id"] is string campaign && campaign.StartsWith('0'));
        Assert.Equal(SandboxStatuses.All.Count, leads.Select(lead => lead["status"]).Distinct().Count());
    }
}
