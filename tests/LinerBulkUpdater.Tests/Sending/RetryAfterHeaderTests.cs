using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Tests.Sending;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("5", 5)]
    [InlineData(" 120 ", 120)]
    [InlineData("3600", 3600)]
    [InlineData("999999999", 999_999_999)]
    [InlineData("000000000000000000042", 42)]
    public void Seconds_are_read_as_written(string value, long seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Parse(value, Now));
    }

    [Theory]
    [InlineData("922337203686")]
    [InlineData("999999999999")]
    [InlineData("99999999999999999999999999")]
    public void Seconds_beyond_what_a_time_span_holds_are_the_longest_wait_not_an_overflow(string value)
    {
        Assert.Equal(TimeSpan.MaxValue, RetryAfterHeader.Parse(value, Now));
    }

    [Theory]
    [InlineData("Tue, 01 Dec 2026 02:35:00 GMT", 300)]
    [InlineData("Tuesday, 01-Dec-26 02:31:00 GMT", 60)]
    [InlineData("Tue Dec  1 02:30:10 2026", 10)]
    public void An_http_date_in_any_of_its_forms_is_the_time_left_until_then(string value, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Parse(value, Now));
    }

    [Fact]
    public void A_date_far_in_the_future_is_a_long_wait_without_overflow()
    {
        var wait = RetryAfterHeader.Parse("Fri, 31 Dec 9999 23:59:59 GMT", Now);
        Assert.Equal(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero) - Now, wait);
    }

    [Fact]
    public void A_date_already_past_is_no_wait()
    {
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Parse("Thu, 01 Jan 1970 00:00:00 GMT", Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData("soon")]
    [InlineData("5 seconds")]
    public void Anything_else_is_no_retry_after(string value)
    {
        Assert.Null(RetryAfterHeader.Parse(value, Now));
    }

    [Fact]
    public void A_missing_header_is_no_retry_after_and_a_present_one_is_read_raw()
    {
        using var response = new HttpResponseMessage();
        Assert.Null(RetryAfterHeader.Read(response.Headers, Now));

        // HttpClient's own parser drops seconds that do not fit an int as invalid.
        response.Headers.TryAddWithoutValidation("Retry-After", "99999999999");
        Assert.Null(response.Headers.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(99_999_999_999), RetryAfterHeader.Read(response.Headers, Now));
    }
}
