using System.Globalization;
using LinerBulkUpdater.Input;

namespace LinerBulkUpdater.Tests.Input;

public sealed class XlsxValuesTests
{
    [Theory]
    [InlineData("79001112233", "79001112233")]
    [InlineData("2", "2")]
    [InlineData("2.0", "2")]
    [InlineData("-0", "0")]
    [InlineData("2.5", "2.5")]
    [InlineData("12345", "12345")]
    [InlineData("1E+20", "100000000000000000000")]
    [InlineData("0.1", "0.1")]
    [InlineData("1.0000000000000002", "1")]
    [InlineData("123.456", "123.456")]
    [InlineData("-7.25", "-7.25")]
    [InlineData("1.5E-7", "0.00000015")]
    [InlineData("999999999999999", "999999999999999")]
    [InlineData("1234567890123456", "1234567890123460")]
    [InlineData("1.5E+25", "15000000000000000000000000")]
    [InlineData("-1.23456789012345678E+30", "-1234567890123460000000000000000")]
    public void Numbers_are_shown_to_fifteen_significant_digits_without_exponent(string stored, string shown)
    {
        Assert.Equal(shown, XlsxValues.FormatNumber(double.Parse(stored, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(46357.0, false, "2026-12-01T00:00:00")]
    [InlineData(46357.999995, false, "2026-12-02T00:00:00")]
    [InlineData(46357.999994, false, "2026-12-01T23:59:59")]
    [InlineData(46357.000005, false, "2026-12-01T00:00:00")]
    [InlineData(61, false, "1900-03-01T00:00:00")]
    [InlineData(59, false, "1900-02-28T00:00:00")]
    [InlineData(1, false, "1900-01-01T00:00:00")]
    [InlineData(0.75, false, "1899-12-30T18:00:00")]
    [InlineData(0, true, "1904-01-01T00:00:00")]
    [InlineData(2958465.99999, false, "9999-12-31T23:59:59")]
    public void Serials_are_date_times_rounded_to_the_second(double serial, bool date1904, string expected)
    {
        Assert.True(XlsxValues.TryFromSerial(serial, date1904, out var value));
        Assert.Equal(expected, XlsxValues.FormatDate(value));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2958466)]
    [InlineData(double.NaN)]
    public void Serials_excel_cannot_show_as_dates_are_not_dates(double serial)
    {
        Assert.False(XlsxValues.TryFromSerial(serial, date1904: false, out _));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a_x000D_\nb", "a\r\nb")]
    [InlineData("_x0041__x0042_", "AB")]
    [InlineData("_x005F_x0041_", "_x0041_")]
    [InlineData("_x12_ and _xZZZZ_ and _x", "_x12_ and _xZZZZ_ and _x")]
    public void Excel_escapes_are_undone(string stored, string text)
    {
        Assert.Equal(text, XlsxValues.DecodeEscapes(stored));
    }

    [Theory]
    [InlineData("dd.mm.yyyy", true)]
    [InlineData("yyyy-mm-dd hh:mm:ss", true)]
    [InlineData("[$-419]d mmmm yyyy;@", true)]
    [InlineData("h:mm AM/PM", true)]
    [InlineData("[h]:mm:ss", true)]
    [InlineData("[mm]:ss", true)]
    [InlineData("General", false)]
    [InlineData("0.00", false)]
    [InlineData("#,##0.00\\ \"₽\"", false)]
    [InlineData("[Red]0.00;[Blue]-0.00", false)]
    [InlineData("0\" days\"", false)]
    [InlineData("0\\d", false)]
    [InlineData("#,##0_);[Red](#,##0)", false)]
    [InlineData("0.00E+00", false)]
    [InlineData("[>=100]0;0.0", false)]
    [InlineData("@", false)]
    public void Custom_formats_are_dates_when_they_show_date_or_time_parts(string code, bool isDate)
    {
        Assert.Equal(isDate, XlsxDateStyles.IsDateFormatCode(code));
    }
}
