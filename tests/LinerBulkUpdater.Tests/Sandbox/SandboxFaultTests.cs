using System.Diagnostics;
using System.Text.Json;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Sandbox;

/// <summary>Scripted faults: each entry kind, the order they are taken in, and what is recorded.</summary>
public sealed class SandboxFaultTests
{
    private const string Body = """{"status":1}""";

    [Theory]
    [InlineData("400")]
    [InlineData("401")]
    [InlineData("403")]
    [InlineData("404")]
    [InlineData("408")]
    [InlineData("409")]
    [InlineData("422")]
    [InlineData("500")]
    [InlineData("502")]
    [InlineData("503")]
    [InlineData("504")]
    public async Task Scripted_status_is_answered_with_an_envelope_and_nothing_is_stored(string entry)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Script = { ["7"] = [entry] } });
        using var client = new SandboxTestClient(server);

        var answer = await client.UpdateAsync(7, Body);

        var status = int.Parse(entry);
        Assert.Equal((status, false, $"sandbox: scripted {entry}"), (answer.Status, answer.Success, answer.Message));
        Assert.Equal(status, server.Updates.Single().Status);
        Assert.Null(server.Lead(7));
    }

    [Theory]
    [InlineData("429", 429, "1")]
    [InlineData("429:7", 429, "7")]
    [InlineData("429:0", 429, "0")]
    [InlineData("503:3", 503, "3")]
    [InlineData("503", 503, null)]
    public async Task Scripted_429_and_503_carry_retry_after_in_whole_seconds(string entry, int status, string? retryAfter)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Script = { ["7"] = [entry] } });
        using var client = new SandboxTestClient(server);

        using var response = await client.PostUpdateAsync(7, Body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(retryAfter, response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null);
        Assert.Equal($$"""{"success":false,"message":"sandbox: scripted {{status}}","data":null}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bare_scripted_429_takes_its_retry_after_from_the_faults_default()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions
        {
            Script = { ["7"] = ["429"] },
            Faults = { RetryAfterSeconds = 4 },
        });
        using var client = new SandboxTestClient(server);

        using var response = await client.PostUpdateAsync(7, Body);

        Assert.Equal("4", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Scripted_drop_cuts_the_connection_without_an_answer_and_is_recorded_as_0()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Script = { ["7"] = ["200", "drop"] } });
        using var client = new SandboxTestClient(server);
        await client.UpdateAsync(7, """{"priority":1}""");

        // On the connection the first update left open: HttpClient must not quietly resend it elsewhere.
        await Assert.ThrowsAsync<HttpRequestException>(() => client.UpdateAsync(7, """{"priority":2}"""));

        Assert.Equal([200, ReceivedRequest.NoAnswer], server.Updates.Select(r => r.Status));
        Assert.Equal(1L, server.Lead(7)!["priority"]);
    }

    [Fact]
    public async Task Scripted_stall_outlasts_the_client_timeout_and_is_recorded_as_499()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Script = { ["7"] = ["stall:3"] } });
        using var client = new SandboxTestClient(server);
        // Long enough for the request to reach the server even while other tests load the machine.
        client.Http.Timeout = TimeSpan.FromSeconds(1);

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.UpdateAsync(7, Body));

        var recorded = await Eventually.FoundAsync(() => server.Updates.SingleOrDefault());
        Assert.Equal(ReceivedRequest.ClientClosedRequest, recorded.Status);
        Assert.Null(server.Lead(7));
    }

    [Fact]
    public async Task Scripted_stall_the_client_waits_out_ends_in_the_normal_answer()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Script = { ["7"] = ["stall:1"] } });
        using var client = new SandboxTestClient(server);

        var clock = Stopwatch.StartNew();
        var answer = await client.UpdateAsync(7, Body);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"answered after {clock.Elapsed}");
        Assert.Equal((200, true), (answer.Status, answer.Success));
        Assert.Equal(1L, server.Lead(7)!["status"]);
    }

    [Fact]
    public async Task Bare_scripted_stall_lasts_the_faults_stall_seconds_and_ends_at_once_when_the_sandbox_stops()
    {
        var timers = new TimerWatch(TimeProvider.System);
        var server = await SandboxServer.StartAsync(new SandboxOptions { Script = { ["7"] = ["stall"] }, Faults = { StallSeconds = 60 } }, timers);
        using var client = new SandboxTestClient(server);
        var pending = client.UpdateAsync(7, Body);
        // The request is in its stall once the stall's 60 s wait has begun.
        await timers.ArmedAsync(TimeSpan.FromSeconds(60));
        Assert.False(pending.IsCompleted);

        var clock = Stopwatch.StartNew();
        await server.DisposeAsync();

        var answer = await pending;
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal((503, "the sandbox is stopping"), (answer.Status, answer.Message));
    }

    [Theory]
    [InlineData("refuse", "sandbox: refused")]
    [InlineData("refuse:duplicate phone: 79001234567", "duplicate phone: 79001234567")]
    [InlineData("refuse:", "")]
    public async Task Scripted_refuse_answers_200_with_success_false_and_stores_nothing(string entry, string message)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Script = { ["7"] = [entry] } });
        using var client = new SandboxTestClient(server);

        var answer = await client.UpdateAsync(7, Body);

        Assert.Equal((200, false, message), (answer.Status, answer.Success, answer.Message));
        Assert.Equal(JsonValueKind.Null, answer.Data.ValueKind);
        Assert.Equal(200, server.Updates.Single().Status);
        Assert.Null(server.Lead(7));
    }

    [Fact]
    public async Task Scripted_html_answers_502_with_a_proxy_error_page()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Script = { ["7"] = ["html"] } });
        using var client = new SandboxTestClient(server);

        using var response = await client.PostUpdateAsync(7, Body);

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>502 Bad Gateway</h1>", await response.Content.ReadAsStringAsync());
        Assert.Equal(502, server.Updates.Single().Status);
        Assert.Null(server.Lead(7));
    }

    [Fact]
    public async Task Script_is_taken_in_order_one_entry_per_request_then_the_lead_behaves_normally()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Script = { ["7"] = ["503", "200", "429:2", "drop", "REFUSE"] } });
        using var client = new SandboxTestClient(server);

        var statuses = new List<int>();
        for (var priority = 1; priority <= 7; priority++)
        {
            try
            {
                statuses.Add((await client.UpdateAsync(7, $$"""{"priority":{{priority}}}""")).Status);
            }
            catch (HttpRequestException)
            {
                statuses.Add(ReceivedRequest.NoAnswer);
            }
        }

        Assert.Equal([503, 200, 429, 0, 200, 200, 200], statuses);
        Assert.Equal(statuses, server.Updates.Select(r => r.Status));
        Assert.Equal(7L, server.Lead(7)!["priority"]);
        Assert.Equal(200, (await client.UpdateAsync(8, Body)).Status);
    }

    [Fact]
    public async Task Concurrent_requests_to_a_scripted_lead_each_take_a_different_entry()
    {
        string[] script = ["500", "502", "503", "504", "408", "409", "422", "400"];
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Script = { ["7"] = [.. script] } });
        using var client = new SandboxTestClient(server);

        var answers = await Task.WhenAll(Enumerable.Range(0, script.Length + 2).Select(_ => client.UpdateAsync(7, Body)));

        int[] expected = [.. script.Select(int.Parse), 200, 200];
        Assert.Equal(expected.Order(), answers.Select(answer => answer.Status).Order());
    }

    [Fact]
    public async Task Faults_come_after_the_key_and_lead_id_checks_and_a_refused_request_takes_no_entry()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { ApiKey = "right", Script = { ["7"] = ["503"] } });
        using var wrong = new SandboxTestClient(server, "wrong");
        using var right = new SandboxTestClient(server, "right");

        var refused = await wrong.UpdateAsync(7, Body);
        var badPath = await right.UpdateAsync("7x", Body);
        var scripted = await right.UpdateAsync(7, Body);

        Assert.Equal((401, "invalid API key"), (refused.Status, refused.Message));
        Assert.Equal(400, badPath.Status);
        Assert.Equal(503, scripted.Status);
    }

    [Fact]
    public async Task A_scripted_entry_replaces_the_random_faults_for_its_request()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Script = { ["7"] = ["200"] }, Faults = { Share5xx = 1 } });
        using var client = new SandboxTestClient(server);

        var scripted = await client.UpdateAsync(7, Body);
        var random = await client.UpdateAsync(7, Body);

        Assert.Equal((200, 503, "sandbox: random 503"), (scripted.Status, random.Status, random.Message));
    }

    [Fact]
    public async Task Scripted_faults_skip_the_latency_but_normal_answers_keep_it()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 1000, Script = { ["7"] = ["503"] } });
        using var client = new SandboxTestClient(server);

        var clock = Stopwatch.StartNew();
        await client.UpdateAsync(7, Body);

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(900), $"the fault waited {clock.Elapsed}");
    }
}
