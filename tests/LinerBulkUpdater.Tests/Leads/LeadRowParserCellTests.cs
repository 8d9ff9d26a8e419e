using System.Text;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Tests.Leads;

/// <summary>Cells that cannot be sent as read: digits Excel rounds, formulas nothing computed, huge values, a report's inert cells.</summary>
public sealed class LeadRowParserCellTests
{
    private static readonly string[] Header = ["lead_id", "client_name", "client_phone", "external_id", "status"];

    private static LeadRowParser Parser(params string[] header) =>
        new(ColumnMap.Build("leads.xlsx", header, new Dictionary<string, string>(), ReportColumns.Names), new FieldRules(FieldRulesOptions.Default));

    private static RawRow Row(string[] cells, params (int Index, CellKind Kind)[] kinds)
    {
        var all = new CellKind[cells.Length];
        foreach (var (index, kind) in kinds)
        {
            all[index] = kind;
        }

        return new RawRow(4, 5, cells, all, FromWorkbook: true);
    }

    [Fact]
    public void A_number_with_more_digits_than_excel_keeps_is_never_sent_as_another_lead_or_id()
    {
        var verdict = Parser(Header).Parse(Row(
            ["1234567890123456789", "", "", "12345678901234567", "2"], (0, CellKind.Imprecise), (3, CellKind.Imprecise), (4, CellKind.Number)));

        Assert.Null(verdict.Update);
        Assert.Equal(
            "column 'lead_id': '1234567890123456789' has more than 15 significant digits, which Excel cannot store exactly; store it as text; " +
            "column 'external_id': '12345678901234567' has more than 15 significant digits, which Excel cannot store exactly; store it as text",
            verdict.Problem);
    }

    [Fact]
    public void A_formula_with_no_saved_value_is_invalid_naming_its_cell_instead_of_blank()
    {
        var verdict = Parser(Header).Parse(Row(["101", "", "", "", ""], (4, CellKind.FormulaWithoutValue)));

        Assert.Null(verdict.Update);
        Assert.Equal("column 'status': cell E5 is a formula with no saved value; open and save the file in Excel, or paste values", verdict.Problem);
    }

    [Fact]
    public void A_lead_id_formula_with_no_saved_value_is_named_as_such_not_as_blank()
    {
        var verdict = Parser(Header).Parse(Row([""], (0, CellKind.FormulaWithoutValue)));

        Assert.Equal("column 'lead_id': cell A5 is a formula with no saved value; open and save the file in Excel, or paste values", verdict.Problem);
    }

    [Fact]
    public void A_formula_with_no_saved_value_under_no_header_or_past_the_header_is_not_dropped_silently()
    {
        Assert.Equal(
            "column 2, which has no header: cell B5 is a formula with no saved value; open and save the file in Excel, or paste values",
            Parser("lead_id", "", "status").Parse(Row(["101", "", "2"], (1, CellKind.FormulaWithoutValue))).Problem);
        Assert.Equal(
            "line 5 has 3 cells but the header has 2; check for an unquoted delimiter",
            Parser("lead_id", "status").Parse(Row(["101", "2", ""], (2, CellKind.FormulaWithoutValue))).Problem);
    }

    [Fact]
    public void A_huge_cell_is_quoted_cut_with_its_length_and_a_short_one_whole()
    {
        var huge = new string('7', 1024 * 1024);
        var verdict = Parser(Header).Parse(new RawRow(1, 2, ["101", "", huge, "", "x"]));

        Assert.Equal(
            $"column 'client_phone': '{new string('7', LeadRowParser.QuotedLength)}…' (1048576 characters) is not a phone number (region RU); column 'status': 'x' is not an integer",
            verdict.Problem);
    }

    [Fact]
    public void A_cut_never_splits_a_character_in_two()
    {
        var value = new string('a', LeadRowParser.QuotedLength - 1) + "👍👍";

        Assert.Equal($"'{new string('a', LeadRowParser.QuotedLength - 1)}…' ({value.Length} characters)", LeadRowParser.Quote(value));
        Assert.Equal("'" + new string('b', LeadRowParser.QuotedLength) + "'", LeadRowParser.Quote(new string('b', LeadRowParser.QuotedLength)));
    }

    [Theory]
    [InlineData("'=HYPERLINK(\"http://x\")", "=HYPERLINK(\"http://x\")")]
    [InlineData("''=1+1", "'=1+1")]
    [InlineData("'-5 off", "-5 off")]
    [InlineData("'@ivan", "@ivan")]
    [InlineData("'plain", "'plain")]
    [InlineData("plain", "plain")]
    public void A_csv_report_fed_back_sends_its_input_cells_as_they_were_before_it_made_them_inert(string inReport, string sent)
    {
        var parser = Parser(["source_row", "outcome", "http_status", "attempts", "error", .. Header]);

        var verdict = parser.Parse(new RawRow(1, 2, ["1", "failed", "500", "5", "boom", "101", inReport, "", "", ""]));

        Assert.Equal($"{{\"client_name\":\"{sent.Replace("\"", "\\\"")}\"}}", Encoding.UTF8.GetString(verdict.Update!.ToJson()));
    }

    [Fact]
    public void Cells_of_a_plain_csv_or_of_a_workbook_report_are_sent_as_they_are()
    {
        var plain = Parser(Header).Parse(new RawRow(1, 2, ["101", "'=1+1"]));
        var workbookReport = Parser(["source_row", "outcome", "http_status", "attempts", "error", .. Header])
            .Parse(new RawRow(1, 2, ["1", "failed", "500", "5", "boom", "101", "'=1+1"], FromWorkbook: true));

        Assert.Equal("{\"client_name\":\"'=1+1\"}", Encoding.UTF8.GetString(plain.Update!.ToJson()));
        Assert.Equal("{\"client_name\":\"'=1+1\"}", Encoding.UTF8.GetString(workbookReport.Update!.ToJson()));
    }
}
