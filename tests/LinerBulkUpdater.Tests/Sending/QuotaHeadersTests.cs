using System.Net.Http.Headers;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Tests.Sending;

public sealed class QuotaHeadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("RateLimit-Remaining: 3", "RateLimit-Reset: 2", 3, 2)]
    [InlineData("X-RateLimit-Remaining: 0", "X-RateLimit-Reset: 1796176805", 0, 5)]
    [InlineData("RateLimit: limit=10, remaining=1, reset=1", null, 1, 1)]
    [InlineData("RateLimit: \"default\";r=4;t=30", null, 4, 30)]
    public void The_window_left_and_its_reset_are_read_in_each_common_form(string first, string? second, long remaining, int resetSeconds)
    {
        var quota = QuotaHeaders.Read(Headers(first, second), Now);

        Assert.Equal((remaining, TimeSpan.FromSeconds(resetSeconds)), quota);
    }

    [Theory]
    [InlineData("RateLimit-Remaining: 3", null)]
    [InlineData("RateLimit-Remaining: lots", "RateLimit-Reset: 1")]
    [InlineData("X-RateLimit-Reset: 1", null)]
    public void Half_a_quota_or_a_word_is_no_quota(string first, string? second) =>
        Assert.Null(QuotaHeaders.Read(Headers(first, second), Now));

    [Fact]
    public void A_unix_time_already_past_is_no_wait() =>
        Assert.Equal((0L, TimeSpan.Zero), QuotaHeaders.Read(Headers("X-RateLimit-Remaining: 0", "X-RateLimit-Reset: 1700000000"), Now));

    private static HttpResponseHeaders Headers(params string?[] lines)
    {
        var headers = new HttpResponseMessage().Headers;
        foreach (var line in lines.OfType<string>())
        {
            var at = line.IndexOf(':');
            headers.TryAddWithoutValidation(line[..at], line[(at + 1)..].Trim());
        }

        return headers;
    }
}
