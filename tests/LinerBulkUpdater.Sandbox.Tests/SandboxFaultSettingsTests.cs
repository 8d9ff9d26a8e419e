using System.Text;
using Microsoft.Extensions.Configuration;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary>Faults as settings: bound from appsettings.json and environment variables, checked when the sandbox starts.</summary>
public sealed class SandboxFaultSettingsTests
{
    [Fact]
    public async Task Faults_and_script_bind_from_json_and_environment_variables_and_take_effect()
    {
        var json = """
            {"Sandbox": {"LatencyMs": 20, "Script": {"7": ["429:2", "drop"]}, "Faults": {"StallSeconds": 5}}}
            """;
        // What the CLI makes of Sandbox__Faults__Share429=0.1 and Sandbox__Script__7__1=503 in the environment.
        var environment = new Dictionary<string, string?>
        {
            ["Sandbox:Faults:Share429"] = "0.1",
            ["Sandbox:Faults:Seed"] = "42",
            ["Sandbox:Faults:RateLimit"] = "2.5",
            ["Sandbox:Script:7:1"] = "503",
            ["Sandbox:Script:8:0"] = "refuse:no",
        };
        var options = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            .AddInMemoryCollection(environment)
            .Build()
            .GetSection(SandboxOptions.SectionName)
            .Get<SandboxOptions>()!;

        Assert.Equal(20, options.LatencyMs);
        Assert.Equal(["429:2", "503"], options.Script["7"]);
        Assert.Equal(["refuse:no"], options.Script["8"]);
        Assert.Equal((0.1, 0.0, 5, 1, 2.5, 0, 42), (options.Faults.Share429, options.Faults.Share5xx, options.Faults.StallSeconds,
            options.Faults.RetryAfterSeconds, options.Faults.RateLimit, options.Faults.RejectKeyAfter, options.Faults.Seed));

        await using var server = await SandboxServer.StartAsync(options);
        using var client = new SandboxTestClient(server);
        Assert.Equal((200, false, "no"), await StatusOf(client.UpdateAsync(8, """{"status":1}""")));
    }

    [Fact]
    public async Task The_shipped_appsettings_json_sets_no_faults()
    {
        var options = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .Build()
            .GetSection(SandboxOptions.SectionName)
            .Get<SandboxOptions>()!;

        var faults = options.Faults;
        Assert.Equal(20, options.LatencyMs);
        Assert.Empty(options.Script);
        Assert.Equal((0.0, 0.0, 0.0, 0.0, 20, 1, 0.0, 0, (int?)null),
            (faults.Share429, faults.Share5xx, faults.ShareDrop, faults.ShareStall, faults.StallSeconds,
                faults.RetryAfterSeconds, faults.RateLimit, faults.RejectKeyAfter, faults.Seed));
        await using var server = await SandboxServer.StartAsync(options);
        using var client = new SandboxTestClient(server);
        var answers = await Task.WhenAll(Enumerable.Range(1, 50).Select(leadId => client.UpdateAsync(leadId, """{"status":1}""")));
        Assert.All(answers, answer => Assert.Equal(200, answer.Status));
    }

    [Theory]
    [InlineData("5O3", "not one of 200, a status 400-599, 429[:seconds], 503[:seconds], drop, stall[:seconds], refuse[:message] or html")]
    [InlineData("", "not one of 200, a status 400-599, 429[:seconds], 503[:seconds], drop, stall[:seconds], refuse[:message] or html")]
    [InlineData("204", "not one of 200, a status 400-599, 429[:seconds], 503[:seconds], drop, stall[:seconds], refuse[:message] or html")]
    [InlineData("302", "not one of 200, a status 400-599, 429[:seconds], 503[:seconds], drop, stall[:seconds], refuse[:message] or html")]
    [InlineData("stall:x", "seconds must be a whole number from 0 to 600, not \"x\"")]
    [InlineData("stall:601", "seconds must be a whole number from 0 to 600, not \"601\"")]
    [InlineData("429:-1", "seconds must be a whole number from 0 to 600, not \"-1\"")]
    [InlineData("503:1.5", "seconds must be a whole number from 0 to 600, not \"1.5\"")]
    [InlineData("500:2", "only 429 and 503 take :seconds (a Retry-After), not 500")]
    [InlineData("drop:1", "drop takes no argument")]
    [InlineData("html:x", "html takes no argument")]
    public async Task A_script_entry_that_is_not_one_fails_the_start_naming_the_lead_and_the_entry(string entry, string problem)
    {
        var options = new SandboxOptions { Script = { ["7"] = ["200", entry] } };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => SandboxServer.StartAsync(options));

        Assert.Equal($"Sandbox:Script:7:1: lead 7, entry 2 \"{entry}\": {problem} (Parameter 'options')", exception.Message);
    }

    [Theory]
    [InlineData("abc", "Sandbox:Script: \"abc\" is not a lead id (an integer > 0)")]
    [InlineData("0", "Sandbox:Script: \"0\" is not a lead id (an integer > 0)")]
    [InlineData("007", "Sandbox:Script: lead 7 is scripted twice (as \"007\" too)")]
    public async Task A_script_key_that_is_not_a_lead_id_fails_the_start(string key, string message)
    {
        var options = new SandboxOptions { Script = { ["7"] = ["503"], [key] = ["503"] } };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => SandboxServer.StartAsync(options));

        Assert.Equal($"{message} (Parameter 'options')", exception.Message);
    }

    [Fact]
    public async Task Faults_out_of_range_fail_the_start_naming_each_setting()
    {
        var options = new SandboxOptions { Faults = { Share429 = 1.5, ShareDrop = -0.1, StallSeconds = -1, RetryAfterSeconds = 601, RateLimit = double.NaN, RejectKeyAfter = -2 } };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => SandboxServer.StartAsync(options));

        Assert.Equal("Sandbox:Faults:Share429: The field Share429 must be between 0 and 1.; "
            + "Sandbox:Faults:ShareDrop: The field ShareDrop must be between 0 and 1.; "
            + "Sandbox:Faults:StallSeconds: The field StallSeconds must be between 0 and 600.; "
            + "Sandbox:Faults:RetryAfterSeconds: The field RetryAfterSeconds must be between 0 and 600.; "
            + "Sandbox:Faults:RateLimit: The field RateLimit must be between 0 and 1000000.; "
            + "Sandbox:Faults:RejectKeyAfter: The field RejectKeyAfter must be between 0 and 2147483647. (Parameter 'options')",
            exception.Message);
    }

    [Fact]
    public async Task Shares_that_add_up_to_more_than_one_fail_the_start()
    {
        var options = new SandboxOptions { Faults = { Share429 = 0.5, Share5xx = 0.3, ShareDrop = 0.2, ShareStall = 0.1 } };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => SandboxServer.StartAsync(options));

        Assert.Equal("Sandbox:Faults:Share429,Share5xx,ShareDrop,ShareStall: Share429 + Share5xx + ShareDrop + ShareStall must be at most 1, not 1.1 (Parameter 'options')",
            exception.Message);
    }

    [Fact]
    public async Task Latency_above_its_range_fails_the_start()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 600_001 }));

        Assert.Equal("Sandbox:LatencyMs: The field LatencyMs must be between 0 and 600000. (Parameter 'options')", exception.Message);
    }

    private static async Task<(int, bool, string)> StatusOf(Task<EnvelopeAnswer> pending)
    {
        var answer = await pending;
        return (answer.Status, answer.Success, answer.Message);
    }
}
