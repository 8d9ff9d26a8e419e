using System.Text;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary>The body rules of the update call, checked over HTTP against one shared server.</summary>
public sealed class SandboxUpdateRulesTests(SandboxUpdateRulesTests.Server server) : IClassFixture<SandboxUpdateRulesTests.Server>
{
    [Fact]
    public async Task Update_with_a_fractional_status_is_refused_with_422()
    {
        var answer = await server.Client.UpdateAsync(100, """{"status":2.5}""");

        Assert.Equal((422, false, "status must be an integer, null or \"\", not 2.5"), (answer.Status, answer.Success, answer.Message));
        Assert.Null(server.Sandbox.Lead(100));
    }

    [Theory]
    [InlineData("""{"status":2.0}""", "status must be an integer, null or \"\", not 2.0")]
    [InlineData("""{"priority":1e2}""", "priority must be an integer, null or \"\", not 1e2")]
    [InlineData("""{"call_timestamp":"1700000000"}""", "call_timestamp must be an integer, null or \"\", not the string \"1700000000\"")]
    [InlineData("""{"utc_offset":true}""", "utc_offset must be an integer, null or \"\", not true")]
    [InlineData("""{"status":[1]}""", "status must be an integer, null or \"\", not an array")]
    [InlineData("""{"status":99999999999999999999}""", "status must be an integer, null or \"\", not 99999999999999999999")]
    [InlineData("""{"client_phone":79001234567}""", "client_phone must be a string or null, not 79001234567")]
    [InlineData("""{"campaign_id":7}""", "campaign_id must be a string or null, not 7")]
    [InlineData("""{"quiz_log":{"q":1}}""", "quiz_log must be a string or null, not an object")]
    [InlineData("""{"vkId":0}""", "vkId must be > 0, not 0")]
    [InlineData("""{"vkId":-5}""", "vkId must be > 0, not -5")]
    public async Task Update_with_a_wrongly_typed_field_is_refused_with_422_naming_it(string body, string message)
    {
        var answer = await server.Client.UpdateAsync(101, body);

        Assert.Equal((422, false, message), (answer.Status, answer.Success, answer.Message));
    }

    [Fact]
    public async Task Update_with_an_unknown_field_is_refused_with_422_naming_it()
    {
        var answer = await server.Client.UpdateAsync(102, """{"status":1,"client_email":"a@b.c"}""");

        Assert.Equal((422, "unknown field \"client_email\""), (answer.Status, answer.Message));
        Assert.Null(server.Sandbox.Lead(102));
    }

    [Fact]
    public async Task Update_with_lead_id_in_the_body_is_refused_with_422()
    {
        var answer = await server.Client.UpdateAsync(112, """{"lead_id":112,"status":1}""");

        Assert.Equal((422, "unknown field \"lead_id\" (lead_id belongs in the path, not the body)"), (answer.Status, answer.Message));
    }

    [Fact]
    public async Task Update_with_a_field_in_the_wrong_case_is_told_names_are_case_sensitive()
    {
        var answer = await server.Client.UpdateAsync(103, """{"vkid":5}""");

        Assert.Equal((422, "unknown field \"vkid\" (field names are case-sensitive: did you mean \"vkId\"?)"), (answer.Status, answer.Message));
    }

    [Fact]
    public async Task Every_problem_of_a_body_is_named_in_one_answer()
    {
        var answer = await server.Client.UpdateAsync(104, """{"status":"x","client_name":1,"status2":1}""");

        Assert.Equal("status must be an integer, null or \"\", not the string \"x\"; client_name must be a string or null, not 1; unknown field \"status2\"",
            answer.Message);
    }

    [Fact]
    public async Task Update_with_a_field_sent_twice_is_refused_with_422()
    {
        var answer = await server.Client.UpdateAsync(105, """{"status":1,"status":2}""");

        Assert.Equal((422, "field \"status\" appears more than once"), (answer.Status, answer.Message));
    }

    [Fact]
    public async Task Empty_update_is_refused_with_422_nothing_to_update()
    {
        var answer = await server.Client.UpdateAsync(106, "{}");

        Assert.Equal((422, false, "nothing to update: the body has no fields"), (answer.Status, answer.Success, answer.Message));
    }

    [Theory]
    [InlineData("""{"status":1""")]
    [InlineData("")]
    [InlineData("""{'status':1}""")]
    public async Task Malformed_json_is_refused_with_400(string body)
    {
        var answer = await server.Client.UpdateAsync(107, body);

        Assert.Equal(400, answer.Status);
        Assert.StartsWith("malformed JSON: ", answer.Message);
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"status\"", "the string \"status\"")]
    [InlineData("42", "42")]
    public async Task A_body_that_is_not_an_object_is_refused_with_400(string body, string described)
    {
        var answer = await server.Client.UpdateAsync(108, body);

        Assert.Equal((400, $"request body must be a JSON object, not {described}"), (answer.Status, answer.Message));
    }

    [Fact]
    public async Task A_body_in_a_legacy_code_page_is_refused_with_400()
    {
        var windows1251 = new byte[] { (byte)'{', (byte)'"', (byte)'c', (byte)'"', (byte)':', (byte)'"', 0xC8, 0xE2, (byte)'"', (byte)'}' };

        var answer = await server.Client.UpdateAsync(109, windows1251, "application/json");

        Assert.Equal((400, "request body is not valid UTF-8"), (answer.Status, answer.Message));
    }

    [Fact]
    public async Task All_thirteen_body_fields_are_accepted_and_stored_with_their_types()
    {
        var answer = await server.Client.UpdateAsync(110, """
            {"client_name":"Anna","client_phone":"+79001234567","quiz_log":"{\"q\":\"a\"}","campaign_id":"007",
             "external_id":"X-1","status":2,"call_timestamp":1767225600,"priority":-1,"utc_offset":-5,
             "telegramUserName":"anna","telegramPhone":"79001234567","vkId":1,"instagramLogin":"anna.i"}
            """);

        Assert.Equal(200, answer.Status);
        var lead = server.Sandbox.Lead(110)!;
        Assert.Equal(13, lead.Count);
        Assert.Equal(("007", "{\"q\":\"a\"}", 1767225600L, -5L), (lead["campaign_id"], lead["quiz_log"], lead["call_timestamp"], lead["utc_offset"]));
    }

    [Fact]
    public async Task A_charset_other_than_utf8_is_refused_with_415()
    {
        var answer = await server.Client.UpdateAsync(111, Encoding.UTF8.GetBytes("""{"status":1}"""), "application/json; charset=windows-1251");

        Assert.Equal(415, answer.Status);
    }

    public sealed class Server : IAsyncLifetime
    {
        internal SandboxServer Sandbox { get; private set; } = null!;

        internal SandboxTestClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Sandbox = await SandboxServer.StartAsync(new SandboxOptions());
            Client = new SandboxTestClient(Sandbox);
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await Sandbox.DisposeAsync();
        }
    }
}
