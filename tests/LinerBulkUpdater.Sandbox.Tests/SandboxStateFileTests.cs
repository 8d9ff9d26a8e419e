using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary><c>Sandbox:StateFile</c>: the leads' changes survive from one sandbox to the next.</summary>
public sealed class SandboxStateFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sandbox-state-").FullName;

    private string StateFile => Path.Combine(_folder, "state.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Changes_made_in_one_sandbox_are_read_by_the_next_and_an_undo_round_trip_restores_the_seed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 2, 10, 0, 0, TimeSpan.Zero));
        var options = new SandboxOptions { StateFile = StateFile };
        IReadOnlyDictionary<string, object?> seeded;
        await using (var first = await SandboxServer.StartAsync(options, clock))
        {
            using var client = new SandboxTestClient(first);
            seeded = first.CurrentLead(7)!;
            await client.UpdateAsync(7, """{"status":6,"quiz_log":"","campaign_id":"00042","client_name":"Пётр \"Пётр\""}""");
        }

        await using (var second = await SandboxServer.StartAsync(options))
        {
            using var client = new SandboxTestClient(second);
            var lead = await client.DetailV2Async(7);
            var v1 = await client.DetailV1Async(7);

            Assert.Equal((6L, null, "Пётр \"Пётр\"", "2025-06-02T10:00:00Z"),
                (lead.Value("statusId"), lead.Value("sourceComment"), lead.Value("name"), lead.Value("updatedAt")));
            Assert.Equal("00042", v1.Value("UF_CAMPAIGN_ID"));
            // Restored changes are Liner's, not something this sandbox's client sent.
            Assert.Null(second.Lead(7));
            await client.UpdateAsync(7, JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["status"] = seeded["status"], ["quiz_log"] = seeded["quiz_log"], ["campaign_id"] = seeded["campaign_id"],
                ["client_name"] = seeded["client_name"],
            }));
        }

        await using var third = await SandboxServer.StartAsync(options);
        Assert.Equal(seeded, third.CurrentLead(7));
        Assert.Equal(seeded.Count, third.CurrentLead(7)!.Count);
    }

    [Fact]
    public async Task The_file_holds_only_the_changes_in_a_readable_form_and_no_temporary_file_is_left()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 2, 10, 0, 0, TimeSpan.Zero));
        await using (var server = await SandboxServer.StartAsync(new SandboxOptions { StateFile = StateFile, Ignores = { ["9"] = ["priority"] } }, clock))
        {
            using var client = new SandboxTestClient(server);
            await client.UpdateAsync(9, """{"priority":1,"vkId":null}""");
            await client.UpdateAsync(8, """{"status":2}""");
            await client.DetailV2Async(10);
        }

        Assert.Equal(["state.json"], Directory.GetFiles(_folder).Select(Path.GetFileName));
        using var state = JsonDocument.Parse(File.ReadAllBytes(StateFile));
        Assert.Equal(1, state.RootElement.GetProperty("version").GetInt32());
        var leads = state.RootElement.GetProperty("leads");
        Assert.Equal(["8", "9"], leads.EnumerateObject().Select(lead => lead.Name));
        Assert.Equal("""{"status":2}""", JsonSerializer.Serialize(leads.GetProperty("8").GetProperty("fields")));
        Assert.Equal("""{"vkId":null}""", JsonSerializer.Serialize(leads.GetProperty("9").GetProperty("fields")));
        Assert.Equal("2025-06-02T10:00:00Z", leads.GetProperty("8").GetProperty("updatedAt").GetString());
    }

    [Fact]
    public async Task The_save_replaces_the_previous_file_whole()
    {
        File.WriteAllText(StateFile, """{"version":1,"leads":{"5":{"updatedAt":"2025-01-01T00:00:00Z","fields":{"priority":3}}}}""");
        await using (var server = await SandboxServer.StartAsync(new SandboxOptions { StateFile = StateFile }))
        {
            using var client = new SandboxTestClient(server);
            Assert.Equal(3L, (await client.DetailV2Async(5)).Value("priority"));
            await client.UpdateAsync(6, """{"priority":4}""");
        }

        await using var next = await SandboxServer.StartAsync(new SandboxOptions { StateFile = StateFile });
        Assert.Equal((3L, 4L), (next.CurrentLead(5)!["priority"], next.CurrentLead(6)!["priority"]));
    }

    [Fact]
    public async Task A_file_that_does_not_exist_yet_starts_from_the_seed()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { StateFile = StateFile });
        await using var plain = await SandboxServer.StartAsync(new SandboxOptions());

        Assert.Equal(plain.CurrentLead(7), server.CurrentLead(7));
    }

    [Theory]
    [InlineData("not json", "")]
    [InlineData("""{"leads":{}}""", "not a sandbox state file")]
    [InlineData("""{"version":1,"leads":{"x":{}}}""", "\"x\" is not a lead id")]
    [InlineData("""{"version":1,"leads":{"7":{"fields":{}}}}""", "lead 7: needs \"updatedAt\"")]
    [InlineData("""{"version":1,"leads":{"7":{"updatedAt":"2025-01-01T00:00:00Z","fields":{"status":"3"}}}}""", "lead 7: status cannot be \"3\"")]
    [InlineData("""{"version":1,"leads":{"7":{"updatedAt":"2025-01-01T00:00:00Z","fields":{"Status":3}}}}""", "lead 7: \"Status\" is not a field of the v1 update")]
    public async Task A_file_that_is_not_a_state_file_fails_the_start_naming_the_setting(string content, string problem)
    {
        File.WriteAllText(StateFile, content);

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => SandboxServer.StartAsync(new SandboxOptions { StateFile = StateFile }));

        Assert.StartsWith("Sandbox:StateFile:", exception.Message);
        Assert.Contains(StateFile, exception.Message);
        Assert.Contains(problem, exception.Message);
    }

    [Fact]
    public async Task A_file_in_a_folder_that_does_not_exist_fails_the_start_rather_than_the_save()
    {
        var path = Path.Combine(_folder, "missing", "state.json");

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => SandboxServer.StartAsync(new SandboxOptions { StateFile = path }));

        Assert.Equal($"Sandbox:StateFile: {path}: its folder does not exist (Parameter 'options')", exception.Message);
    }
}
