using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Tests.Reporting;

public sealed class ReportTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("lead not found", "lead not found")]
    [InlineData("", "")]
    public void Text_that_starts_like_a_formula_is_made_plain_text(string text, string expected)
    {
        Assert.Equal(expected, ReportText.Safe(text));
    }

    [Fact]
    public void Line_breaks_become_spaces_and_a_page_of_html_is_cut_short()
    {
        var page = "<html>\r\n" + new string('x', 5000);
        var safe = ReportText.Safe(page);
        Assert.StartsWith("<html> xxx", safe);
        Assert.InRange(safe.Length, ReportText.MaxLength - 1, ReportText.MaxLength + 1);
        Assert.EndsWith("…", safe);
    }

    [Fact]
    public void Server_text_that_already_starts_with_an_apostrophe_and_then_like_a_formula_gets_one_more()
    {
        Assert.Equal("''=1+1", ReportText.Safe("'=1+1"));
        Assert.Equal("'plain", ReportText.Safe("'plain"));
    }
}
