using System.Diagnostics;
using LinerBulkUpdater.Sandbox;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Tests.Sandbox;

/// <summary>Faults that depend on load, count or chance: the rate limit, a revoked key, the random shares.</summary>
public sealed class SandboxLoadFaultTests
{
    private const string Body = """{"status":1}""";

    [Fact]
    public async Task Over_the_rate_limit_updates_are_answered_429_with_retry_after_until_the_bucket_refills()
    {
        var clock = new FakeTimeProvider();
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { RateLimit = 5 } }, clock);
        using var client = new SandboxTestClient(server);

        var burst = await SendInTurnAsync(client, 7);
        clock.Advance(TimeSpan.FromMilliseconds(400));
        var refilled = await SendInTurnAsync(client, 3);

        Assert.Equal([(200, null), (200, null), (200, null), (200, null), (200, null), (429, "1"), (429, "1")], burst);
        Assert.Equal([(200, null), (200, null), (429, "1")], refilled);
        Assert.Equal("sandbox: rate limit exceeded", (await client.UpdateAsync(1, Body)).Message);
    }

    [Fact]
    public async Task At_the_rate_limit_no_update_is_refused()
    {
        var clock = new FakeTimeProvider();
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { RateLimit = 5 } }, clock);
        using var client = new SandboxTestClient(server);

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(200, (await client.UpdateAsync(1, Body)).Status);
            clock.Advance(TimeSpan.FromMilliseconds(200));
        }
    }

    [Fact]
    public async Task Under_one_request_a_second_retry_after_says_when_the_next_token_comes()
    {
        var clock = new FakeTimeProvider();
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { RateLimit = 0.4 } }, clock);
        using var client = new SandboxTestClient(server);

        var first = await SendInTurnAsync(client, 2);
        clock.Advance(TimeSpan.FromSeconds(2));
        var early = await SendInTurnAsync(client, 1);
        clock.Advance(TimeSpan.FromSeconds(0.5));
        var due = await SendInTurnAsync(client, 1);

        Assert.Equal([(200, null), (429, "3")], first);
        Assert.Equal([(429, "1")], early);
        Assert.Equal([(200, null)], due);
    }

    [Fact]
    public async Task Health_checks_neither_count_against_the_rate_limit_nor_meet_random_faults()
    {
        var clock = new FakeTimeProvider();
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { RateLimit = 1, Share429 = 0.5, Share5xx = 0.5 } }, clock);
        using var client = new SandboxTestClient(server);

        var health = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.HealthAsync()));
        var update = await client.UpdateAsync(1, Body);

        Assert.All(health, answer => Assert.Equal(200, answer.Status));
        Assert.Contains(update.Status, new[] { 429, 503 });
        Assert.NotEqual("sandbox: rate limit exceeded", update.Message);
    }

    [Fact]
    public async Task A_burst_over_the_rate_limit_on_the_real_clock_is_mostly_refused()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { RateLimit = 2 } });
        using var client = new SandboxTestClient(server);

        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(leadId => client.UpdateAsync(leadId, Body)));

        // 2 tokens at the start, and a few more if the machine is slow to send the burst.
        Assert.InRange(answers.Count(answer => answer.Status == 200), 2, 6);
        Assert.All(answers, answer => Assert.Contains(answer.Status, new[] { 200, 429 }));
    }

    [Fact]
    public async Task After_reject_key_after_updates_every_request_is_answered_401_api_key_revoked()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { RejectKeyAfter = 3 } });
        using var client = new SandboxTestClient(server);

        var healthBefore = await client.HealthAsync();
        var allowed = new[] { await client.UpdateAsync(1, Body), await client.UpdateAsync(2, Body), await client.UpdateAsync(3, Body) };
        var revoked = await client.UpdateAsync(4, Body);
        var healthAfter = await client.HealthAsync();

        Assert.Equal(200, healthBefore.Status);
        Assert.All(allowed, answer => Assert.Equal(200, answer.Status));
        Assert.Equal((401, false, "API key revoked"), (revoked.Status, revoked.Success, revoked.Message));
        Assert.Equal((401, "API key revoked"), (healthAfter.Status, healthAfter.Message));
        Assert.Null(server.Lead(4));
    }

    [Fact]
    public async Task Reject_key_after_lets_exactly_that_many_concurrent_updates_through()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { RejectKeyAfter = 10 } });
        using var client = new SandboxTestClient(server);

        var answers = await Task.WhenAll(Enumerable.Range(1, 40).Select(leadId => client.UpdateAsync(leadId, Body)));

        Assert.Equal(10, answers.Count(answer => answer.Status == 200));
        Assert.Equal(30, answers.Count(answer => answer is { Status: 401, Message: "API key revoked" }));
    }

    [Fact]
    public async Task The_same_seed_draws_the_same_faults_in_the_same_order()
    {
        var options = new SandboxOptions { Faults = { Share429 = 0.2, Share5xx = 0.2, ShareDrop = 0.1, Seed = 7 } };
        await using var first = await SandboxServer.StartAsync(options);
        await using var second = await SandboxServer.StartAsync(options);

        var drawn = await SendInTurnAsync(first, 50);
        var again = await SendInTurnAsync(second, 50);

        Assert.Equal(drawn, again);
        Assert.Equal(4, drawn.Distinct().Count());
    }

    /// <summary>One request at a time, so the order of answers is the order of the server's decisions.</summary>
    private static async Task<List<(int Status, string? RetryAfter)>> SendInTurnAsync(SandboxTestClient client, int count)
    {
        var answers = new List<(int, string?)>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.PostUpdateAsync(1, Body);
            answers.Add(((int)response.StatusCode, response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null));
        }

        return answers;
    }

    private static async Task<List<int>> SendInTurnAsync(SandboxServer server, int count)
    {
        using var client = new SandboxTestClient(server);
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            try
            {
                statuses.Add((await client.UpdateAsync(1, Body)).Status);
            }
            catch (HttpRequestException)
            {
                statuses.Add(ReceivedRequest.NoAnswer);
            }
        }

        return statuses;
    }
}

/// <summary>
/// The random shares, timed on the real clock: alone, not beside the rest of the suite. The stalled answers are told
/// apart by taking a second, and with the other tests' load on 2 cores a quick answer to one of 400 requests sent at once
/// can take as long.
/// </summary>
[Collection(nameof(TimingSensitive))]
public sealed class SandboxRandomShareTests
{
    private const string Body = """{"status":1}""";

    [Fact]
    public async Task Seeded_random_shares_come_out_roughly_as_configured_and_every_request_is_recorded_once()
    {
        const int Count = 400;
        var stall = TimeSpan.FromSeconds(1);
        await using var server = await SandboxServer.StartAsync(new SandboxOptions
        {
            Faults = { Share429 = 0.1, Share5xx = 0.15, ShareDrop = 0.05, ShareStall = 0.1, StallSeconds = 1, RetryAfterSeconds = 2, Seed = 1234 },
        });
        using var client = new SandboxTestClient(server);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, Count).Select(async leadId =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await client.PostUpdateAsync(leadId, Body);
                var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;
                return (Status: (int)response.StatusCode, RetryAfter: retryAfter, clock.Elapsed);
            }
            catch (HttpRequestException)
            {
                return (Status: ReceivedRequest.NoAnswer, RetryAfter: null, clock.Elapsed);
            }
        }));

        // Expected 40, 60, 20 and 40 of 400; the bounds allow for chance, and for a loaded machine in the stall count.
        Assert.InRange(outcomes.Count(o => o is { Status: 429, RetryAfter: "2" }), 20, 60);
        Assert.InRange(outcomes.Count(o => o is { Status: 503, RetryAfter: null }), 35, 85);
        Assert.InRange(outcomes.Count(o => o.Status == ReceivedRequest.NoAnswer), 8, 35);
        Assert.InRange(outcomes.Count(o => o.Status == 200 && o.Elapsed >= stall * 0.9), 20, 60);
        Assert.All(outcomes, o => Assert.Contains(o.Status, new[] { 200, 429, 503, ReceivedRequest.NoAnswer }));
        Assert.Equal(Count, server.UpdateCount);
        Assert.Equal(outcomes.Select(o => o.Status).Order(), server.Updates.Select(r => r.Status).Order());
    }
}

/// <summary>Tests that time real work on the real clock: run after the rest, one at a time.</summary>
[CollectionDefinition(nameof(TimingSensitive), DisableParallelization = true)]
public sealed class TimingSensitive;
