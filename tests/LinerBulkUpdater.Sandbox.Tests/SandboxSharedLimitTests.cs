using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary>
/// The sliding-window limit (<see cref="SandboxFaults.RateLimitSchedule"/>) is the server's, as Liner's is the key's:
/// two runs against one sandbox share it, and a long low phase follows its schedule.
/// </summary>
public sealed class SandboxSharedLimitTests
{
    private const string Body = """{"status":1}""";

    [Fact]
    public async Task Two_clients_on_one_sandbox_share_its_window_as_two_runs_share_a_key()
    {
        var clock = new FakeTimeProvider();
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { RateLimitSchedule = "5" } }, clock);
        using var first = new SandboxTestClient(server);
        using var second = new SandboxTestClient(server);

        var firstAnswers = await SendInTurnAsync(first, 3);
        var secondAnswers = await SendInTurnAsync(second, 3);
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterWindow = await SendInTurnAsync(second, 1);

        Assert.Equal([200, 200, 200], firstAnswers);
        Assert.Equal([200, 200, 429], secondAnswers);
        Assert.Equal([200], afterWindow);
    }

    [Fact]
    public async Task The_long_phase_schedule_holds_20_a_second_then_5_from_30_s_then_20_again_from_90_s()
    {
        var clock = new FakeTimeProvider();
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { RateLimitSchedule = "20, 5@30, 20@90" } }, clock);
        using var client = new SandboxTestClient(server);

        var accepted = new List<int>();
        var now = 0;
        foreach (var at in new[] { 0, 29, 30, 60, 89, 90, 120 })
        {
            clock.Advance(TimeSpan.FromSeconds(at - now));
            now = at;
            var answers = await SendInTurnAsync(client, 25);
            accepted.Add(answers.Count(status => status == 200));
            Assert.All(answers.SkipWhile(status => status == 200), status => Assert.Equal(429, status));
        }

        Assert.Equal([20, 20, 5, 5, 5, 20, 20], accepted);
    }

    [Fact]
    public async Task Stopping_writes_every_request_to_the_request_log_so_a_benchmark_can_tell_two_runs_apart()
    {
        var clock = new FakeTimeProvider();
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-requests-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var server = await SandboxServer.StartAsync(new SandboxOptions { RequestLog = path, Faults = { RateLimitSchedule = "1" } }, clock))
            {
                using var client = new SandboxTestClient(server);
                await client.UpdateAsync(7, Body);
                clock.Advance(TimeSpan.FromSeconds(0.25));
                await client.UpdateAsync(1007, Body);
            }

            Assert.Equal(["seconds,method,lead_id,status", "0.000,POST,7,200", "0.250,POST,1007,429"], File.ReadAllLines(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<List<int>> SendInTurnAsync(SandboxTestClient client, int count)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await client.UpdateAsync(1, Body)).Status);
        }

        return statuses;
    }
}
