using LinerBulkUpdater.Sandbox;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Tests.Sandbox;

/// <summary>Faults on reads: the lead's read script, the random shares (only when asked), the rate limit, a revoked key.</summary>
public sealed class SandboxReadFaultTests
{
    [Fact]
    public async Task The_read_script_is_taken_by_v1_and_v2_reads_in_the_order_they_arrive_and_leaves_updates_alone()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions
        {
            ReadScript = { ["7"] = ["503", "404", "refuse:locked"] },
            Script = { ["7"] = ["429:0"] },
        });
        using var client = new SandboxTestClient(server);

        var first = await client.DetailV2Async(7);
        var update = await client.UpdateAsync(7, """{"status":1}""");
        var second = await client.DetailV1Async(7);
        var third = await client.DetailV2Async(7);
        var fourth = await client.DetailV2Async(7);
        var other = await client.DetailV2Async(8);

        Assert.Equal((503, "sandbox: scripted 503"), (first.Status, first.Message));
        Assert.Equal(429, update.Status);
        Assert.Equal((404, "sandbox: scripted 404"), (second.Status, second.Message));
        Assert.Equal((200, false, "locked"), (third.Status, third.Success, third.Message));
        Assert.Equal((200, true), (fourth.Status, fourth.Success));
        Assert.Equal(200, other.Status);
        Assert.Equal([503, 404, 200, 200, 200], server.Reads.Select(read => read.Status));
    }

    [Fact]
    public async Task A_scripted_stall_delays_the_read_by_the_clock()
    {
        var clock = new FakeTimeProvider();
        var timers = new TimerWatch(clock);
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { ReadScript = { ["7"] = ["stall:30"] } }, timers);
        using var client = new SandboxTestClient(server);

        var read = client.DetailV2Async(7);
        // The stall waits on the fake clock, which has not moved: the read cannot be answered yet.
        var stall = await timers.ArmedAsync(TimeSpan.FromSeconds(30));
        Assert.False(read.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        Assert.False(stall.HasFired);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(stall.HasFired);

        Assert.Equal(200, (await read.WaitAsync(TimeSpan.FromSeconds(10))).Status);
    }

    [Fact]
    public async Task Random_shares_leave_reads_alone_unless_on_reads_is_set()
    {
        await using var off = await SandboxServer.StartAsync(new SandboxOptions { Faults = { Share5xx = 1 } });
        await using var on = await SandboxServer.StartAsync(new SandboxOptions { Faults = { Share5xx = 1, OnReads = true } });
        using var offClient = new SandboxTestClient(off);
        using var onClient = new SandboxTestClient(on);

        Assert.Equal(503, (await offClient.UpdateAsync(7, """{"status":1}""")).Status);
        Assert.Equal(200, (await offClient.DetailV2Async(7)).Status);
        Assert.Equal(200, (await offClient.GetAsync("/v2/lead-status/")).Status);
        Assert.Equal((503, "sandbox: random 503"), ((await onClient.DetailV2Async(7)).Status, (await onClient.DetailV1Async(7)).Message));
        Assert.Equal(503, (await onClient.GetAsync("/v2/lead-statuses/")).Status);
    }

    [Fact]
    public async Task The_rate_limit_counts_reads_and_updates_together()
    {
        var clock = new FakeTimeProvider();
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { RateLimit = 2 } }, clock);
        using var client = new SandboxTestClient(server);

        var read = await client.DetailV2Async(7);
        var list = await client.GetAsync("/v2/lead-status/");
        var update = await client.UpdateAsync(7, """{"status":1}""");
        clock.Advance(TimeSpan.FromSeconds(1));
        var later = await client.DetailV1Async(7);

        Assert.Equal([200, 200, 429, 200], new[] { read.Status, list.Status, update.Status, later.Status });
        Assert.Equal("sandbox: rate limit exceeded", update.Message);
    }

    [Fact]
    public async Task Reads_do_not_use_the_key_up_but_are_refused_once_it_is_revoked()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { RejectKeyAfter = 1 } });
        using var client = new SandboxTestClient(server);

        var before = await client.DetailV2Async(7);
        var update = await client.UpdateAsync(7, """{"status":1}""");
        var after = await client.DetailV2Async(7);

        Assert.Equal((200, 200), (before.Status, update.Status));
        Assert.Equal((401, "API key revoked"), (after.Status, after.Message));
    }

    [Fact]
    public async Task A_read_script_entry_that_is_not_one_fails_the_start_naming_it()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(
            () => SandboxServer.StartAsync(new SandboxOptions { ReadScript = { ["7"] = ["200", "5O3"] } }));
        var list = await Assert.ThrowsAsync<ArgumentException>(
            () => SandboxServer.StartAsync(new SandboxOptions { StatusListScript = ["drop:1"] }));

        Assert.StartsWith("Sandbox:ReadScript:7:1: lead 7, entry 2 \"5O3\": not one of", exception.Message);
        Assert.Equal("Sandbox:StatusListScript:0: entry 1 \"drop:1\": drop takes no argument (Parameter 'options')", list.Message);
    }
}
