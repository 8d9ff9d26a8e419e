using System.Diagnostics;
using System.Text;

namespace LinerBulkUpdater.Sandbox.Tests;

public sealed class SandboxServerTests
{
    [Fact]
    public async Task Health_check_with_any_key_answers_ok_when_no_key_is_configured()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server, "whatever");

        var answer = await client.HealthAsync();

        Assert.Equal(200, answer.Status);
        Assert.True(answer.Success);
        Assert.Equal("", answer.Message);
        Assert.Equal("ok", answer.Data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_check_without_a_key_is_refused_with_401()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server, apiKey: null);

        var answer = await client.HealthAsync();

        Assert.Equal((401, false, "missing API key: send it in the X-Api-Key header"), (answer.Status, answer.Success, answer.Message));
    }

    [Fact]
    public async Task Wrong_key_is_refused_with_401_when_a_key_is_configured()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { ApiKey = "right" });
        using var wrong = new SandboxTestClient(server, "wrong");
        using var right = new SandboxTestClient(server, "right");

        var health = await wrong.HealthAsync();
        var update = await wrong.UpdateAsync(7, """{"status":1}""");

        Assert.Equal((401, false, "invalid API key"), (health.Status, health.Success, health.Message));
        Assert.Equal((401, false, "invalid API key"), (update.Status, update.Success, update.Message));
        Assert.Null(server.Lead(7));
        Assert.Equal(200, (await right.HealthAsync()).Status);
    }

    [Fact]
    public async Task Update_is_stored_and_answered_with_the_lead_id()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        var answer = await client.UpdateAsync(42, """{"client_name":"Иван","status":3,"vkId":12345}""");

        Assert.Equal((200, true, ""), (answer.Status, answer.Success, answer.Message));
        Assert.Equal(42, answer.Data.GetProperty("lead_id").GetInt64());
        Assert.Equal(new Dictionary<string, object?> { ["client_name"] = "Иван", ["status"] = 3L, ["vkId"] = 12345L }, server.Lead(42));
        Assert.Null(server.Lead(43));
    }

    [Fact]
    public async Task Later_updates_overwrite_field_by_field_and_null_or_empty_clears()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        await client.UpdateAsync(5, """{"client_name":"A","client_phone":"79001234567","status":1,"priority":2}""");
        var answer = await client.UpdateAsync(5, """{"client_name":"B","client_phone":"","status":null,"priority":""}""");

        Assert.Equal(200, answer.Status);
        Assert.Equal(new Dictionary<string, object?> { ["client_name"] = "B", ["client_phone"] = null, ["status"] = null, ["priority"] = null },
            server.Lead(5));
    }

    [Fact]
    public async Task Update_path_without_the_trailing_slash_is_accepted()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        var answer = await client.UpdateAsync(9, """{"priority":1}""", path: "/v1/lead/update/{0}");

        Assert.Equal(200, answer.Status);
        Assert.Equal(1L, server.Lead(9)!["priority"]);
        Assert.Equal("/v1/lead/update/9", server.Updates.Single().Path);
    }

    [Fact]
    public async Task Update_of_a_missing_lead_is_refused_with_404()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { MissingLeads = [13] });
        using var client = new SandboxTestClient(server);

        var answer = await client.UpdateAsync(13, """{"status":1}""");

        Assert.Equal((404, false, "lead not found"), (answer.Status, answer.Success, answer.Message));
        Assert.Null(server.Lead(13));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task Update_with_a_bad_lead_id_is_refused_with_400(string leadId)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        var answer = await client.UpdateAsync(leadId, """{"status":1}""");

        Assert.Equal((400, false, $"lead_id must be an integer > 0, not \"{leadId}\""), (answer.Status, answer.Success, answer.Message));
        Assert.Null(server.Updates.Single().LeadId);
    }

    [Fact]
    public async Task Update_sent_as_plain_text_is_refused_with_415()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        var answer = await client.UpdateAsync(1, Encoding.UTF8.GetBytes("""{"status":1}"""), "text/plain");

        Assert.Equal((415, false, "Content-Type must be application/json (UTF-8), not \"text/plain\""), (answer.Status, answer.Success, answer.Message));
    }

    [Fact]
    public async Task Unknown_route_and_wrong_method_answer_an_envelope()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        var unknown = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/lead/get/1/"));
        var wrongMethod = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/lead/update/1/"));

        Assert.Equal((404, false, "not found"), (unknown.Status, unknown.Success, unknown.Message));
        Assert.Equal((405, false, "method not allowed here; use POST"), (wrongMethod.Status, wrongMethod.Success, wrongMethod.Message));
        Assert.Empty(server.Updates);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task Latency_is_added_before_every_answer()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 150 });
        using var client = new SandboxTestClient(server);

        var clock = Stopwatch.StartNew();
        await client.HealthAsync();
        var health = clock.Elapsed;
        clock.Restart();
        await client.UpdateAsync(1, """{"status":1}""");

        Assert.True(health >= TimeSpan.FromMilliseconds(140), $"health answered after {health}");
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(140), $"update answered after {clock.Elapsed}");
    }
}
