using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Tests.Sending;

public sealed class WaitLimitTests
{
    private static readonly WaitLimit Limit = new(TimeSpan.FromSeconds(300));

    private static AttemptResult Answer(int? status, double? retryAfterSeconds) =>
        new(false, status, "too many requests", retryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);

    [Fact]
    public void Waits_are_held_between_nothing_and_the_limit()
    {
        Assert.Equal(TimeSpan.Zero, Limit.Cap(TimeSpan.FromSeconds(-5)));
        Assert.Equal(TimeSpan.FromSeconds(42), Limit.Cap(TimeSpan.FromSeconds(42)));
        Assert.Equal(TimeSpan.FromSeconds(300), Limit.Cap(TimeSpan.FromSeconds(300)));
        Assert.Equal(TimeSpan.FromSeconds(300), Limit.Cap(TimeSpan.FromSeconds(3600)));
        Assert.Equal(TimeSpan.FromSeconds(300), Limit.Cap(TimeSpan.MaxValue));
    }

    [Theory]
    [InlineData(429, 300.0, false)]
    [InlineData(429, 300.5, true)]
    [InlineData(429, 3600.0, true)]
    [InlineData(503, 3600.0, true)]
    [InlineData(429, null, false)]
    [InlineData(400, 3600.0, false)]
    [InlineData(404, 3600.0, false)]
    public void Only_an_answer_that_would_be_retried_can_be_beyond_the_limit(int status, double? retryAfter, bool beyond)
    {
        Assert.Equal(beyond, Limit.IsBeyond(Answer(status, retryAfter)));
    }

    [Fact]
    public void Giving_up_keeps_the_servers_words_and_names_its_retry_after_and_the_limit()
    {
        var given = Limit.GiveUp(Answer(429, 3600));

        Assert.Equal((false, 429), (given.Succeeded, given.HttpStatus));
        Assert.Equal("too many requests; Liner asked to retry after 3600 s (Retry-After), more than Sending:MaxDelaySeconds (300 s) allows: not retried, send the row again later", given.Error);
        Assert.Equal(
            "too many requests; Liner asked to retry after more than 922337203685 s (Retry-After), more than Sending:MaxDelaySeconds (300 s) allows: not retried, send the row again later",
            Limit.GiveUp(new AttemptResult(false, 429, "too many requests", TimeSpan.MaxValue)).Error);
    }
}
