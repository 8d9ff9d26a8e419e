using System.Text;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary>What the sandbox keeps of each request: tests and benchmarks read it back.</summary>
public sealed class SandboxRecordingTests
{
    [Fact]
    public async Task Body_bytes_are_recorded_exactly_as_sent()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);
        var body = Encoding.UTF8.GetBytes("{ \"client_name\" : \"Пётр \\u00e9\",\n\t\"quiz_log\":\"{\\\"q\\\":1}\" }");

        await client.UpdateAsync(3, body, "application/json; charset=utf-8");

        var update = server.Updates.Single();
        Assert.Equal(body, update.Body);
        Assert.Equal((3L, "POST", "/v1/lead/update/3/", SandboxTestClient.AnyKey, "application/json; charset=utf-8", 200),
            (update.LeadId, update.Method, update.Path, update.ApiKey, update.ContentType, update.Status));
        Assert.Equal("Пётр é", server.Lead(3)!["client_name"]);
    }

    [Fact]
    public async Task Requests_are_recorded_in_arrival_order_with_the_status_answered()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { MissingLeads = [2] });
        using var client = new SandboxTestClient(server);
        var before = DateTimeOffset.UtcNow;

        await client.HealthAsync();
        await client.UpdateAsync(1, """{"status":1}""");
        await client.UpdateAsync(2, """{"status":1}""");
        await client.UpdateAsync(1, """{"bogus":1}""");

        Assert.Equal([("GET", 200), ("POST", 200), ("POST", 404), ("POST", 422)], server.Received.Select(r => (r.Method, r.Status)));
        Assert.Equal([1L, 2L, 1L], server.Updates.Select(r => r.LeadId));
        Assert.All(server.Received, r => Assert.InRange(r.At, before, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Many_concurrent_requests_are_all_recorded_and_stored()
    {
        const int Count = 1000;
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        var answers = await Task.WhenAll(Enumerable.Range(1, Count)
            .Select(leadId => client.UpdateAsync(leadId, $$"""{"priority":{{leadId}}}""")));

        Assert.All(answers, answer => Assert.Equal(200, answer.Status));
        Assert.Equal(Count, server.Received.Count);
        Assert.Equal(Enumerable.Range(1, Count).Select(i => (long?)i), server.Updates.Select(r => r.LeadId).Order());
        Assert.All(Enumerable.Range(1, Count), leadId => Assert.Equal((long)leadId, server.Lead(leadId)!["priority"]));
    }

    [Fact]
    public async Task A_client_that_gives_up_is_recorded_with_499_and_nothing_is_stored()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 30_000 });
        using var client = new SandboxTestClient(server);
        // Long enough for the request to reach the server even while other tests load the machine.
        client.Http.Timeout = TimeSpan.FromSeconds(1);

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.UpdateAsync(1, """{"status":1}"""));

        var recorded = await Eventually.FoundAsync(() => server.Updates.SingleOrDefault());
        Assert.Equal(499, recorded.Status);
        Assert.Null(server.Lead(1));
    }
}
