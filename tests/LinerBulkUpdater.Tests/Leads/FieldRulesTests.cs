using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Tests.Leads;

public sealed class FieldRulesTests
{
    private static readonly FieldRules Rules = new(FieldRulesOptions.Default);

    private static FieldValue Read(LeadField field, string cell)
    {
        var problem = Rules.TryRead(field, cell, out var value);
        Assert.Null(problem);
        return value;
    }

    private static string Refused(LeadField field, string cell)
    {
        var problem = Rules.TryRead(field, cell, out _);
        Assert.NotNull(problem);
        return problem;
    }

    [Theory]
    [InlineData("8 (900) 123-45-67", "79001234567")]
    [InlineData("+7 900 123-45-67", "79001234567")]
    [InlineData("79001234567", "79001234567")]
    [InlineData("+79001234567", "79001234567")]
    [InlineData("8-900-123-45-67", "79001234567")]
    [InlineData("9001234567", "79001234567")]
    [InlineData("+380 50 123 4567", "380501234567")]
    [InlineData("+44 20 7946 0958", "442079460958")]
    public void Phones_are_normalised_to_e164_digits(string cell, string expected)
    {
        Assert.Equal(expected, Read(LeadFields.ClientPhone, cell).Text);
        Assert.Equal(expected, Read(LeadFields.TelegramPhone, cell).Text);
    }

    [Theory]
    [InlineData("8 (900) 12")]
    [InlineData("not a phone")]
    [InlineData("+7 900 123-45-67-89-00")]
    [InlineData("8 900 123 45 678")]
    [InlineData("+7 123 456 78 90")]
    public void Phones_that_cannot_be_numbers_are_refused(string cell)
    {
        Assert.Equal("is not a phone number (region RU)", Refused(LeadFields.ClientPhone, cell));
    }

    [Fact]
    public void National_phones_follow_the_configured_region()
    {
        var kazakhstan = new FieldRules(FieldRulesOptions.Default with { DefaultRegion = "KZ" });
        Assert.Null(kazakhstan.TryRead(LeadFields.ClientPhone, "8 (701) 123-45-67", out var value));
        Assert.Equal("77011234567", value.Text);
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("-3", -3)]
    [InlineData("+4", 4)]
    [InlineData("2.0", 2)]
    [InlineData("7.000", 7)]
    public void Integers_accept_integral_numbers(string cell, long expected)
    {
        Assert.Equal(expected, Read(LeadFields.Status, cell).Number);
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("abc")]
    [InlineData("1 000")]
    [InlineData("1e3")]
    [InlineData(".0")]
    [InlineData("2,0")]
    [InlineData("99999999999999999999")]
    public void Integers_refuse_anything_not_integral(string cell)
    {
        Assert.Equal("is not an integer", Refused(LeadFields.Priority, cell));
    }

    [Theory]
    [InlineData("-12", -12)]
    [InlineData("14", 14)]
    [InlineData("3", 3)]
    public void Utc_offset_accepts_minus_12_to_14(string cell, long expected)
    {
        Assert.Equal(expected, Read(LeadFields.UtcOffset, cell).Number);
    }

    [Theory]
    [InlineData("-13")]
    [InlineData("15")]
    public void Utc_offset_outside_the_range_is_refused(string cell)
    {
        Assert.Equal("is outside -12..14", Refused(LeadFields.UtcOffset, cell));
    }

    [Fact]
    public void VkId_must_be_positive()
    {
        Assert.Equal(12345, Read(LeadFields.VkId, "12345").Number);
        Assert.Equal("must be greater than 0", Refused(LeadFields.VkId, "0"));
        Assert.Equal("must be greater than 0", Refused(LeadFields.VkId, "-5"));
    }

    [Theory]
    [InlineData("1764583200", 1764583200)]
    [InlineData("2025-12-01T10:00:00Z", 1764583200)]
    [InlineData("2025-12-01T13:00:00+03:00", 1764583200)]
    [InlineData("2025-12-01T05:00:00-05:00", 1764583200)]
    [InlineData("2025-12-01T10:00:00", 1764583200)]
    [InlineData("2025-12-01 10:00:00", 1764583200)]
    [InlineData("2025-12-01 10:00", 1764583200)]
    [InlineData("2025-12-01T10:00:00.000Z", 1764583200)]
    [InlineData("01.12.2025 10:00", 1764583200)]
    [InlineData("2025-12-01", 1764547200)]
    public void Call_timestamp_reads_unix_seconds_and_iso_8601(string cell, long expected)
    {
        Assert.Equal(expected, Read(LeadFields.CallTimestamp, cell).Number);
    }

    [Fact]
    public void Call_timestamp_without_offset_is_read_in_the_configured_time_zone()
    {
        var moscow = new FieldRules(FieldRulesOptions.Default with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow") });
        Assert.Null(moscow.TryRead(LeadFields.CallTimestamp, "2025-12-01T13:00:00", out var local));
        Assert.Equal(1764583200, local.Number);
        Assert.Null(moscow.TryRead(LeadFields.CallTimestamp, "2025-12-01T10:00:00Z", out var utc));
        Assert.Equal(1764583200, utc.Number);
    }

    [Fact]
    public void Call_timestamp_in_milliseconds_is_refused()
    {
        Assert.Equal("looks like milliseconds; Unix time in seconds is expected", Refused(LeadFields.CallTimestamp, "1764583200000"));
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2025-13-01T10:00:00Z")]
    [InlineData("12/01/2025")]
    public void Call_timestamp_that_is_no_date_is_refused(string cell)
    {
        Assert.StartsWith("is not a date-time", Refused(LeadFields.CallTimestamp, cell));
    }

    [Theory]
    [InlineData("@ivan_petrov", "ivan_petrov")]
    [InlineData("ivan_petrov", "ivan_petrov")]
    public void Handles_lose_a_leading_at(string cell, string expected)
    {
        Assert.Equal(expected, Read(LeadFields.TelegramUserName, cell).Text);
        Assert.Equal(expected, Read(LeadFields.InstagramLogin, cell).Text);
    }

    [Fact]
    public void A_lone_at_is_no_name()
    {
        Assert.Equal("is not a name", Refused(LeadFields.TelegramUserName, "@"));
    }

    [Fact]
    public void Text_keeps_leading_zeros_and_everything_else()
    {
        Assert.Equal("000123", Read(LeadFields.CampaignId, "000123").Text);
        Assert.Equal("{\"q\":\"да\"}", Read(LeadFields.QuizLog, "{\"q\":\"да\"}").Text);
    }

    [Fact]
    public void The_clear_marker_clears_text_with_empty_and_integers_with_null()
    {
        var text = Read(LeadFields.ClientName, "#clear");
        Assert.Equal("", text.Text);
        var number = Read(LeadFields.Status, "#CLEAR");
        Assert.Null(number.Text);
        Assert.Null(number.Number);
        Assert.Equal("", Read(LeadFields.ClientPhone, "#clear").Text);
    }

    [Theory]
    [InlineData("42", null)]
    [InlineData("0", "must be greater than 0")]
    [InlineData("-1", "must be greater than 0")]
    [InlineData("x1", "is not an integer")]
    public void Lead_id_is_a_positive_integer(string cell, string? problem)
    {
        Assert.Equal(problem, Rules.TryReadLeadId(cell, out _));
    }
}
