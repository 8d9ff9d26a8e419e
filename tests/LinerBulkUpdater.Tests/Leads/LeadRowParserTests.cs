using System.Text;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Tests.Leads;

public sealed class LeadRowParserTests
{
    private static LeadRowParser Parser(params string[] header)
    {
        var aliases = new Dictionary<string, string> { ["Телефон"] = "client_phone" };
        return new LeadRowParser(ColumnMap.Build("leads.csv", header, aliases, ReportColumns.Names), new FieldRules(FieldRulesOptions.Default));
    }

    private static RawRow Row(params string[] cells) => new(1, 2, cells);

    [Fact]
    public void Blank_cells_are_left_alone_and_values_are_trimmed()
    {
        var verdict = Parser("lead_id", "client_name", "status", "Телефон").Parse(Row(" 42 ", "  Иванов Пётр ", "", " 8 (900) 123-45-67 "));

        Assert.Null(verdict.Problem);
        Assert.Equal(42, verdict.Update!.LeadId);
        Assert.Equal("{\"client_name\":\"Иванов Пётр\",\"client_phone\":\"79001234567\"}", Encoding.UTF8.GetString(verdict.Update.ToJson()));
    }

    [Fact]
    public void A_row_with_only_a_lead_id_is_an_empty_update()
    {
        var verdict = Parser("lead_id", "client_name").Parse(Row("42", "   "));
        Assert.True(verdict.Update!.IsEmpty);
    }

    [Fact]
    public void Every_broken_rule_is_named_with_its_column_and_value()
    {
        var verdict = Parser("lead_id", "status", "Телефон").Parse(Row("42", "2.5", "12"));

        Assert.Null(verdict.Update);
        Assert.Equal("column 'Телефон' (client_phone): '12' is not a phone number (region RU); column 'status': '2.5' is not an integer", verdict.Problem);
    }

    [Fact]
    public void A_blank_lead_id_makes_the_row_invalid()
    {
        Assert.Equal("column 'lead_id' is blank", Parser("lead_id", "status").Parse(Row("", "2")).Problem);
    }

    [Fact]
    public void A_row_with_more_cells_than_the_header_is_invalid_naming_its_line()
    {
        var verdict = Parser("lead_id", "status").Parse(new RawRow(3, 17, ["42", "2", "oops"]));
        Assert.Equal("line 17 has 3 cells but the header has 2; check for an unquoted delimiter", verdict.Problem);
    }

    [Fact]
    public void Trailing_empty_cells_beyond_the_header_are_harmless()
    {
        Assert.Null(Parser("lead_id", "status").Parse(Row("42", "2", "", " ")).Problem);
    }

    [Fact]
    public void Missing_trailing_cells_are_blank()
    {
        var verdict = Parser("lead_id", "status", "client_name").Parse(Row("42", "2"));
        Assert.Equal("{\"status\":2}", Encoding.UTF8.GetString(verdict.Update!.ToJson()));
    }

    [Fact]
    public void A_value_under_an_unnamed_column_is_not_dropped_silently()
    {
        var verdict = Parser("lead_id", "", "status").Parse(Row("42", "stray", "2"));
        Assert.Equal("value 'stray' is in column 2, which has no header", verdict.Problem);
    }
}

public sealed class TypedCellTests
{
    private static readonly LeadRowParser Parser = new(
        ColumnMap.Build("leads.xlsx", ["lead_id", "client_phone", "campaign_id", "status", "priority", "call_timestamp"], new Dictionary<string, string>(), ReportColumns.Names),
        new FieldRules(FieldRulesOptions.Default));

    private static RowVerdict Parse(string[] cells, CellKind[] kinds) => Parser.Parse(new RawRow(1, 2, cells, kinds));

    [Fact]
    public void Numbers_and_dates_from_a_workbook_become_the_right_json()
    {
        var verdict = Parse(
            ["42", "79001112233", "12345", "2", "7", "2025-12-01T13:00:00"],
            [CellKind.Number, CellKind.Number, CellKind.Number, CellKind.Number, CellKind.Number, CellKind.Date]);

        Assert.Equal(
            "{\"client_phone\":\"79001112233\",\"campaign_id\":\"12345\",\"status\":2,\"call_timestamp\":1764594000,\"priority\":7}",
            Encoding.UTF8.GetString(verdict.Update!.ToJson()));
    }

    [Fact]
    public void A_fractional_number_in_an_integer_field_is_invalid()
    {
        var verdict = Parse(["42", "", "", "2.5", "", ""], [CellKind.Number, CellKind.Text, CellKind.Text, CellKind.Number, CellKind.Text, CellKind.Text]);
        Assert.Equal("column 'status': '2.5' is not an integer", verdict.Problem);
    }

    [Fact]
    public void Booleans_and_error_cells_make_the_row_invalid_with_a_clear_reason()
    {
        var verdict = Parse(["42", "#N/A", "", "TRUE", "", ""], [CellKind.Number, CellKind.Error, CellKind.Text, CellKind.Boolean, CellKind.Text, CellKind.Text]);
        Assert.Equal("column 'client_phone': the cell shows the error #N/A; column 'status': 'TRUE' is a TRUE/FALSE cell; only a custom field of type bool takes one", verdict.Problem);
    }

    [Fact]
    public void A_boolean_lead_id_is_invalid()
    {
        var verdict = Parse(["TRUE", "", "", "", "", ""], [CellKind.Boolean, CellKind.Text, CellKind.Text, CellKind.Text, CellKind.Text, CellKind.Text]);
        Assert.Equal("column 'lead_id': 'TRUE' is a TRUE/FALSE cell; only a custom field of type bool takes one", verdict.Problem);
    }
}
