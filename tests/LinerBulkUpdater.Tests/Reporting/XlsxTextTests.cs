using LinerBulkUpdater.Input;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Tests.Reporting;

public sealed class XlsxTextTests
{
    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(51, "AZ")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    [InlineData(16383, "XFD")]
    public void Columns_are_named_as_excel_names_them(int index, string name)
    {
        Assert.Equal(name, XlsxValues.ColumnName(index));
    }

    [Theory]
    [InlineData("plain text, Кириллица", "plain text, Кириллица")]
    [InlineData("tab\tand\nnewline", "tab\tand\nnewline")]
    [InlineData("cr\r\n", "cr_x000D_\n")]
    [InlineData("\u0000\u001F", "_x0000__x001F_")]
    [InlineData("_x0041_", "_x005F_x0041_")]
    [InlineData("_xabcd_ _X00FF_", "_x005F_xabcd_ _x005F_X00FF_")]
    [InlineData("snake_case_x_y", "snake_case_x_y")]
    [InlineData("_x004_ _x00GG_", "_x004_ _x00GG_")]
    [InlineData("👍", "👍")]
    [InlineData("\uFFFE", "_xFFFE_")]
    public void Text_is_escaped_as_an_excel_string(string text, string escaped)
    {
        Assert.Equal(escaped, XlsxText.Escape(text));
    }

    [Fact]
    public void A_lone_surrogate_is_escaped_rather_than_breaking_the_xml()
    {
        // Not an InlineData: xunit turns a lone surrogate in an attribute into U+FFFD before the test sees it.
        Assert.Equal("lone _xD83D_ here", XlsxText.Escape("lone \uD83D here"));
    }
}
