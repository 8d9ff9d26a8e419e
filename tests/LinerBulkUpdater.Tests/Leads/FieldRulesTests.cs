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
    [InlineData("2.00", 2)]
    [InlineData("-2.0", -2)]
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
    [InlineData("2.")]
    [InlineData("-2.")]
    [InlineData("-.0")]
    [InlineData(".")]
    [InlineData("2..0")]
    [InlineData("2.0.0")]
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

    [Theory]
    [InlineData("+7 900 123-45-67 доб. 123")]
    [InlineData("+7 900 123-45-67 доб 123")]
    [InlineData("8 (900) 123-45-67 ext. 12")]
    [InlineData("+7 900 123-45-67 ext12")]
    [InlineData("+7 900 123-45-67 x12")]
    [InlineData("+7 900 123-45-67 #12")]
    [InlineData("+44 20 7946 0958 extension 5")]
    public void Phones_with_an_extension_are_refused_rather_than_cut_short(string cell)
    {
        Assert.Equal("has an extension, which Liner's phone field cannot hold", Refused(LeadFields.ClientPhone, cell));
        Assert.Equal("has an extension, which Liner's phone field cannot hold", Refused(LeadFields.TelegramPhone, cell));
    }

    [Theory]
    [InlineData("2025-12-01T13:00:00+03:00")]
    [InlineData("2025-12-01T13:00:00+0300")]
    [InlineData("2025-12-01T13:00:00+03")]
    [InlineData("2025-12-01 13:00+03")]
    [InlineData("2025-12-01T13:00:00.000+0300")]
    [InlineData("2025-12-01T10:00:00Z")]
    [InlineData("2025-12-01T10:00:00z")]
    [InlineData("2025-12-01T10:00:00+00")]
    [InlineData("2025-12-01T05:00:00-05")]
    [InlineData("2025-12-01T05:00:00-0500")]
    [InlineData("2025-12-01T05:30:00-0430")]
    [InlineData("2025-12-01T15:45:00+05:45")]
    [InlineData("2025-12-01T15:45:00+0545")]
    public void Call_timestamp_takes_every_iso_8601_form_of_the_offset(string cell)
    {
        Assert.Equal(1764583200, Read(LeadFields.CallTimestamp, cell).Number);
    }

    [Theory]
    [InlineData("2025-12-01T10:00:00+3")]
    [InlineData("2025-12-01T10:00:00+030")]
    [InlineData("2025-12-01T10:00:00+03:0")]
    [InlineData("2025-12-01T10:00:00+15:00")]
    [InlineData("2025-12-01T10:00:00+03:60")]
    [InlineData("2025-12-01T10:00:00 +03:00")]
    [InlineData("2025-12-01+03:00")]
    public void Call_timestamp_with_an_offset_iso_8601_does_not_have_is_refused(string cell)
    {
        Assert.StartsWith("is not a date-time", Refused(LeadFields.CallTimestamp, cell));
    }

    [Fact]
    public void A_bare_date_is_not_taken_for_a_time_with_an_offset()
    {
        var moscow = new FieldRules(FieldRulesOptions.Default with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow") });
        Assert.Null(moscow.TryRead(LeadFields.CallTimestamp, "2025-12-01", out var midnight));
        Assert.Equal(1764536400, midnight.Number);
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-10-25 02:30", "happens twice in Europe/Berlin (at +02:00 and +01:00); add the offset")]
    [InlineData("Europe/Berlin", "2026-10-25T02:00:00", "happens twice in Europe/Berlin (at +02:00 and +01:00); add the offset")]
    [InlineData("Europe/Berlin", "25.10.2026 02:59:59", "happens twice in Europe/Berlin (at +02:00 and +01:00); add the offset")]
    [InlineData("America/New_York", "2026-11-01 01:30", "happens twice in America/New_York (at -04:00 and -05:00); add the offset")]
    [InlineData("Europe/Berlin", "2026-03-29 02:30", "does not exist in Europe/Berlin (the clocks jump from +01:00 to +02:00); add the offset")]
    [InlineData("America/New_York", "2026-03-08T02:30:00", "does not exist in America/New_York (the clocks jump from -05:00 to -04:00); add the offset")]
    public void A_local_time_the_clocks_pass_twice_or_skip_is_refused_naming_the_offsets(string zone, string cell, string problem)
    {
        var rules = new FieldRules(FieldRulesOptions.Default with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone) });
        Assert.Equal(problem, rules.TryRead(LeadFields.CallTimestamp, cell, out _));
    }

    [Theory]
    [InlineData("2026-10-25 01:59:59", 1792886399)]
    [InlineData("2026-10-25 03:00", 1792893600)]
    [InlineData("2026-10-25 02:30+02:00", 1792888200)]
    [InlineData("2026-10-25 02:30+01:00", 1792891800)]
    [InlineData("2026-03-29 03:00", 1774746000)]
    public void Times_either_side_of_a_clock_change_or_with_the_offset_added_are_read(string cell, long expected)
    {
        var berlin = new FieldRules(FieldRulesOptions.Default with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin") });
        Assert.Null(berlin.TryRead(LeadFields.CallTimestamp, cell, out var value));
        Assert.Equal(expected, value.Number);
    }
}
