using LinerBulkUpdater.Notifying;

namespace LinerBulkUpdater.Tests.Notifying;

public sealed class SecretTextTests
{
    [Theory]
    [InlineData("https://user:pw@hooks.example.com:8443/T0/B1/xyz?k=1", "https://hooks.example.com:8443")]
    [InlineData("https://hooks.example.com/services/T0/B1/xyz", "https://hooks.example.com")]
    [InlineData("hooks.example.com/secret", "***")]
    [InlineData("https//bad url/secret", "***")]
    [InlineData("", "")]
    public void A_url_is_shown_as_its_origin_alone(string url, string shown) => Assert.Equal(shown, SecretText.Origin(url));

    [Fact]
    public void Every_secret_is_masked_in_text_a_library_made_escaped_or_not()
    {
        var text = "POST http://x/bot123:AB-c/sendMessage failed; path /bot123%3AAB-c/getMe";

        Assert.Equal("POST http://x/bot***/sendMessage failed; path /bot***/getMe", SecretText.Redact(text, ["123:AB-c"]));
    }

    [Fact]
    public void Notify_settings_print_no_secret()
    {
        var options = new NotifyOptions { WebhookUrl = "https://hooks.example.com/T0/s3cr3t", Telegram = new TelegramOptions { BotToken = "123:AB-c", ChatId = "42" } };

        Assert.Equal("NotifyOptions { WebhookUrl = https://hooks.example.com, Telegram = set }", options.ToString());
        Assert.Equal(["https://hooks.example.com/T0/s3cr3t", "123:AB-c", "/T0/s3cr3t"], options.Secrets);
    }
}
