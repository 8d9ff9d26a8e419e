using System.Text.Json;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary><c>GET /v2/lead/</c> in the shape CONTRACT §8 assumes: <c>data: {list, next, total}</c>, its filters, its paging.</summary>
public sealed class SandboxLeadListTests
{
    private const string AllTime = "createdAt[0]=2000-01-01T00:00:00Z&createdAt[1]=2030-01-01T00:00:00Z";

    [Fact]
    public async Task Paging_by_next_lists_every_lead_once_in_creation_order_and_the_last_page_has_no_next()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { LeadCount = 250, MissingLeads = [17] });
        using var client = new SandboxTestClient(server);

        var ids = new List<long>();
        var created = new List<string>();
        var nexts = new List<long?>();
        long? offset = 0;
        while (offset is long at)
        {
            var page = await client.GetAsync($"/v2/lead/?{AllTime}&offset={at}&limit=100");
            Assert.Equal((200, true), (page.Status, page.Success));
            Assert.Equal(249, page.Data.GetProperty("total").GetInt64());
            foreach (var lead in page.Data.GetProperty("list").EnumerateArray())
            {
                ids.Add(lead.GetProperty("id").GetInt64());
                created.Add(lead.GetProperty("createdAt").GetString()!);
            }

            offset = page.Data.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.Data.GetProperty("next").GetInt64();
            nexts.Add(offset);
        }

        Assert.Equal([100L, 200L, null], nexts);
        Assert.Equal(Enumerable.Range(1, 250).Where(id => id != 17).Select(id => (long)id), ids);
        Assert.Equal(created.Order(StringComparer.Ordinal), created);
        Assert.StartsWith("2024-01-", created[0]);
        Assert.StartsWith("2025-12-", created[^1]);
    }

    [Fact]
    public async Task A_lead_in_the_list_is_the_lead_of_its_detail()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { LeadCount = 10 });
        using var client = new SandboxTestClient(server);
        await client.UpdateAsync(3, """{"externalIdAmo":"A-3","customValues":{"104":7}}""", "/v2/lead/update/{0}/");

        var page = await client.GetAsync($"/v2/lead/?{AllTime}&limit=5");
        var detail = await client.DetailV2Async(3);

        Assert.Equal(detail.Data.GetRawText(), page.Data.GetProperty("list")[2].GetRawText());
        Assert.Equal(5L, page.Data.GetProperty("next").GetInt64());
    }

    [Fact]
    public async Task The_created_range_includes_both_ends_and_takes_exactly_the_leads_created_in_it()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { LeadCount = 100 });
        using var client = new SandboxTestClient(server);
        var from = (string)(await client.DetailV2Async(40)).Value("createdAt")!;
        var to = (string)(await client.DetailV2Async(45)).Value("createdAt")!;

        var page = await client.GetAsync($"/v2/lead/?createdAt[0]={from}&createdAt[1]={to}&limit=100");

        Assert.Equal([40L, 41L, 42L, 43L, 44L, 45L], page.Data.GetProperty("list").EnumerateArray().Select(lead => lead.GetProperty("id").GetInt64()));
        Assert.Equal(6, page.Data.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Status_and_order_filters_take_both_array_spellings_and_see_an_update_at_once()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { LeadCount = 300 });
        using var client = new SandboxTestClient(server);

        var callback = await ListAsync(client, $"{AllTime}&statusIds[]=3");
        var twoOrders = await ListAsync(client, $"{AllTime}&orderIds%5B0%5D=202&orderIds%5B1%5D=205");
        var both = await ListAsync(client, $"{AllTime}&statusIds[0]=3&orderIds[]=202");

        Assert.NotEmpty(callback);
        Assert.All(callback, lead => Assert.Equal(3, lead.GetProperty("statusId").GetInt64()));
        Assert.All(twoOrders, lead => Assert.Contains(lead.GetProperty("orderId").GetInt64(), new long[] { 202, 205 }));
        Assert.Equal(callback.Where(lead => lead.GetProperty("orderId").GetInt64() == 202).Select(lead => lead.GetRawText()), both.Select(lead => lead.GetRawText()));
        var moved = callback[0].GetProperty("id").GetInt64();
        await client.UpdateAsync(moved, """{"status":4}""");
        Assert.DoesNotContain(moved, (await ListAsync(client, $"{AllTime}&statusIds[]=3")).Select(lead => lead.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Seeded_leads_share_some_phones_and_carry_integration_ids_and_custom_values()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        var leads = await ListAsync(client, AllTime);

        Assert.Equal(1000, leads.Count);
        var shared = leads.GroupBy(lead => lead.GetProperty("phone").GetString()).Where(group => group.Count() > 1).ToList();
        Assert.InRange(shared.Count, 10, 80);
        Assert.InRange(leads.Count(lead => lead.GetProperty("externalIdAmo").ValueKind == JsonValueKind.String), 200, 450);
        Assert.InRange(leads.Count(lead => lead.GetProperty("externalIdBitrix24").ValueKind == JsonValueKind.String), 150, 350);
        Assert.All(leads, lead => Assert.True(lead.GetProperty("customValues").TryGetProperty("102", out _)));
    }

    [Theory]
    [InlineData("createdAt[0]=2024-01-01T00:00:00Z", "createdAt[1] is required (ISO 8601)")]
    [InlineData("createdAt[0]=yesterday&createdAt[1]=2025-01-01", "createdAt[0] is not an ISO 8601 date: \"yesterday\"")]
    [InlineData(AllTime + "&limit=101", "limit must be an integer from 1 to 100, not \"101\"")]
    [InlineData(AllTime + "&offset=-1", "offset must be an integer from 0 to 2147483647, not \"-1\"")]
    [InlineData(AllTime + "&statusIds[]=x", "statusIds[] must be an integer > 0, not \"x\"")]
    public async Task A_query_Liner_would_refuse_is_refused_naming_what_is_wrong(string query, string message)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        var answer = await client.GetAsync("/v2/lead/?" + query);

        Assert.Equal((422, false, message), (answer.Status, answer.Success, answer.Message));
    }

    [Fact]
    public async Task The_lead_list_script_answers_pages_in_order_and_each_page_is_recorded()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { LeadListScript = ["503", "200"] });
        using var client = new SandboxTestClient(server);

        var first = await client.GetAsync($"/v2/lead/?{AllTime}");
        var second = await client.GetAsync($"/v2/lead/?{AllTime}");

        Assert.Equal((503, 200), (first.Status, second.Status));
        Assert.Equal([SandboxRoute.LeadList, SandboxRoute.LeadList], server.Received.Select(request => request.Route));
    }

    private static async Task<List<JsonElement>> ListAsync(SandboxTestClient client, string query)
    {
        var leads = new List<JsonElement>();
        for (long? offset = 0; offset is long at;)
        {
            var page = await client.GetAsync($"/v2/lead/?{query}&offset={at}&limit=100");
            Assert.Equal(200, page.Status);
            leads.AddRange(page.Data.GetProperty("list").EnumerateArray());
            offset = page.Data.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.Data.GetProperty("next").GetInt64();
        }

        return leads;
    }
}
