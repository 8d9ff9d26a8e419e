using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary>The lead-status list: both documented paths, a shared title, a path turned off, and counting reads.</summary>
public sealed class SandboxStatusListTests
{
    [Theory]
    [InlineData("/v2/lead-status/")]
    [InlineData("/v2/lead-status")]
    [InlineData("/v2/lead-statuses/")]
    [InlineData("/v2/lead-statuses")]
    public async Task Both_paths_answer_the_same_russian_list_with_one_title_on_two_statuses(string path)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxTestClient(server);

        var answer = await client.GetAsync(path);

        Assert.Equal((200, true, ""), (answer.Status, answer.Success, answer.Message));
        var statuses = answer.Data.EnumerateArray().ToList();
        Assert.InRange(statuses.Count, 8, 10);
        Assert.All(statuses, status => Assert.Equal(["id", "code", "title", "category", "sort", "color", "isSystem"],
            status.EnumerateObject().Select(property => property.Name)));
        Assert.All(statuses, status => Assert.Contains(status.GetProperty("category").GetString(), new[] { "in-progress", "qualified", "disqualified" }));
        Assert.Equal(statuses.Count, statuses.Select(status => status.GetProperty("id").GetInt32()).Distinct().Count());
        Assert.Equal(statuses.Count, statuses.Select(status => status.GetProperty("code").GetString()).Distinct().Count());
        var shared = statuses.GroupBy(status => status.GetProperty("title").GetString()).Single(group => group.Count() > 1);
        Assert.Equal("Перезвонить", shared.Key);
        Assert.Equal([(3, "callback"), (8, "callback-later")],
            shared.Select(status => (status.GetProperty("id").GetInt32(), status.GetProperty("code").GetString())));
        Assert.Contains(statuses, status => status.GetProperty("title").GetString() == "Новый" && status.GetProperty("id").GetInt32() == 1);
    }

    [Fact]
    public async Task A_path_left_out_of_the_setting_answers_404_and_is_still_counted_as_a_status_list_read()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { StatusListPaths = ["/v2/lead-statuses"] });
        using var client = new SandboxTestClient(server);

        var heading = await client.GetAsync("/v2/lead-status/");
        var example = await client.GetAsync("/v2/lead-statuses/");

        Assert.Equal((404, false, "not found", JsonValueKind.Null), (heading.Status, heading.Success, heading.Message, heading.Data.ValueKind));
        Assert.Equal((200, JsonValueKind.Array), (example.Status, example.Data.ValueKind));
        Assert.Equal([("/v2/lead-status/", 404), ("/v2/lead-statuses/", 200)], server.StatusListReads.Select(read => (read.Path, read.Status)));
    }

    [Fact]
    public async Task The_paths_bind_from_settings_replacing_the_default_rather_than_adding_to_it()
    {
        var json = """{"Sandbox": {"StatusListPaths": ["/v2/lead-status/"]}}""";
        var options = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build()
            .GetSection(SandboxOptions.SectionName).Get<SandboxOptions>()!;
        await using var server = await SandboxServer.StartAsync(options);
        using var client = new SandboxTestClient(server);

        Assert.Equal(["/v2/lead-status/"], options.StatusListPaths!);
        Assert.Equal(200, (await client.GetAsync("/v2/lead-status")).Status);
        Assert.Equal(404, (await client.GetAsync("/v2/lead-statuses")).Status);
    }

    [Fact]
    public async Task No_path_served_makes_both_404()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { StatusListPaths = [] });
        using var client = new SandboxTestClient(server);

        Assert.Equal(404, (await client.GetAsync("/v2/lead-status/")).Status);
        Assert.Equal(404, (await client.GetAsync("/v2/lead-statuses/")).Status);
    }

    [Fact]
    public async Task A_path_that_is_not_the_status_list_fails_the_start()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(
            () => SandboxServer.StartAsync(new SandboxOptions { StatusListPaths = ["/v2/lead-status/", "/v2/statuses/"] }));

        Assert.Equal("Sandbox:StatusListPaths: \"/v2/statuses/\" is not a path of the status list (one of /v2/lead-status/, /v2/lead-statuses/) (Parameter 'options')",
            exception.Message);
    }

    [Fact]
    public async Task The_status_list_script_answers_its_entries_in_order_then_the_list()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { StatusListScript = ["503", "refuse:busy"] });
        using var client = new SandboxTestClient(server);

        var answers = new List<(int, bool, string)>();
        foreach (var path in new[] { "/v2/lead-status/", "/v2/lead-statuses/", "/v2/lead-status/" })
        {
            var answer = await client.GetAsync(path);
            answers.Add((answer.Status, answer.Success, answer.Message));
        }

        Assert.Equal([(503, false, "sandbox: scripted 503"), (200, false, "busy"), (200, true, "")], answers);
        Assert.Equal(3, server.StatusListReads.Count);
    }

    [Fact]
    public async Task The_list_needs_a_key_and_a_get()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var noKey = new SandboxTestClient(server, apiKey: null);
        using var client = new SandboxTestClient(server);

        var refused = await noKey.GetAsync("/v2/lead-status/");
        var posted = await client.UpdateAsync("x", "{}", path: "/v2/lead-status/");

        Assert.Equal(401, refused.Status);
        Assert.Equal((405, "method not allowed here; use GET"), (posted.Status, posted.Message));
        Assert.Single(server.StatusListReads, read => read.Method == "GET");
    }
}
