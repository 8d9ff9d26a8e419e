using LinerBulkUpdater.Cli;

namespace LinerBulkUpdater.Tests.Cli;

/// <summary>Settings are bound and checked once, up front: each bad value is one line naming the setting.</summary>
public sealed class AppSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("klingon-42")]
    [InlineData("utf-16")]
    public void Unusable_fallback_encoding_is_a_usage_error_naming_the_setting(string name)
    {
        var error = Assert.Throws<UsageException>(() => Load(new() { ["Input__FallbackEncoding"] = name }));

        Assert.StartsWith($"Input:FallbackEncoding: '{name}' ", error.Message);
    }

    [Fact]
    public void An_alias_to_no_field_is_a_settings_error()
    {
        var error = Assert.Throws<UsageException>(() => Load(new() { ["Mapping__Columns__Телефон"] = "client_phon" }));

        Assert.StartsWith("settings: Mapping:Columns maps 'Телефон' to 'client_phon', which is not a field", error.Message);
    }

    [Fact]
    public void A_limit_of_a_nested_section_is_checked_too()
    {
        var error = Assert.Throws<UsageException>(() => Load(new() { ["Input__Xlsx__MaxCells"] = "0" }));

        Assert.StartsWith("settings: Input:Xlsx:MaxCells: ", error.Message);
    }

    // The sandbox's options live in the sandbox's assembly: its nested sections are checked all the same,
    // with the rest of the settings, before any stand-in starts.
    [Fact]
    public void A_limit_of_a_nested_sandbox_section_is_checked_with_the_settings()
    {
        var error = Assert.Throws<UsageException>(() => Load(new() { ["Sandbox__Faults__Share429"] = "2" }));

        Assert.Equal("settings: Sandbox:Faults:Share429: The field Share429 must be between 0 and 1.", error.Message);
    }

    [Fact]
    public void Liner_api_key_and_liner__apikey_together_take_the_documented_variable()
    {
        var settings = Load(new() { ["LINER_API_KEY"] = "documented", ["Liner__ApiKey"] = "section-style" });

        Assert.Equal("documented", settings.Liner.ApiKey);
    }

    [Fact]
    public void Two_spellings_of_one_variable_take_the_mixed_case_one()
    {
        var settings = Load(new() { ["LINER__BASEURL"] = "https://shouted.example", ["Liner__BaseUrl"] = "https://documented.example" });

        Assert.Equal("https://documented.example", settings.Liner.BaseUrl);
    }

    [Theory]
    [InlineData("Liner__BaseUrl", "https://liner.example ", "settings: Liner:BaseUrl 'https://liner.example ' is not an http(s) URL")]
    [InlineData("Liner__UpdatePath", "v1/lead/update/{lead_id}/", "settings: Liner:UpdatePath must start with '/' (it is appended to Liner:BaseUrl)")]
    public void A_liner_setting_that_would_fail_every_row_is_refused_up_front(string variable, string value, string message)
    {
        var error = Assert.Throws<UsageException>(() => Load(new() { [variable] = value }));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_base_url_that_does_not_parse_never_shows_its_password()
    {
        var error = Assert.Throws<UsageException>(() => Load(new() { ["Liner__BaseUrl"] = "https://ops:s3cr3t-pw@liner host/" }));

        Assert.DoesNotContain("s3cr3t-pw", error.Message);
        Assert.DoesNotContain("ops:", error.Message);
    }

    [Fact]
    public void The_settings_print_without_the_key()
    {
        var settings = Load(new() { ["LINER_API_KEY"] = "k-9f3a2b71", ["Liner__BaseUrl"] = "https://user:pw-71c2@liner.example" });

        Assert.DoesNotContain("k-9f3a2b71", settings.ToString());
        Assert.DoesNotContain("pw-71c2", settings.ToString());
    }

    private AppSettings Load(Dictionary<string, string?> environment) =>
        AppSettings.Load(new CliHost(TextWriter.Null, TextWriter.Null, environment, _folder.Path, new Interrupts()), null, new Dictionary<string, string?>());
}
