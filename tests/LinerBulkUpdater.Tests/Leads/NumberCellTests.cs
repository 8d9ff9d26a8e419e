using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Tests.Leads;

/// <summary>Text fields whose value came from a spreadsheet's number cell: ids that lost their leading zeros, ids rounded.</summary>
public sealed class NumberCellTests
{
    private static readonly FieldRules Rules = new(FieldRulesOptions.Default);

    private static LeadRowParser Parser(params string[] header) =>
        new(ColumnMap.Build("leads.xlsx", header, new Dictionary<string, string>(), ReportColumns.Names), Rules);

    private static RawRow Row(string[] cells, params CellKind[] kinds) => new(4, 5, cells, kinds, FromWorkbook: true);

    private static NumberCell Cell(string text) => new(LeadFields.CampaignId, "'campaign_id'", "B5", text);

    [Fact]
    public void The_row_knows_which_text_fields_came_from_number_cells_and_where()
    {
        var update = Parser("lead_id", "campaign_id", "external_id", "telegramUserName", "client_phone", "status", "client_name").Parse(Row(
            ["101", "1201", "457", "12345", "79001112233", "2", "001"],
            CellKind.Number, CellKind.Number, CellKind.Number, CellKind.Number, CellKind.Number, CellKind.Number, CellKind.Text)).Update!;

        Assert.Equal(
            ["campaign_id B5 1201 'campaign_id'", "external_id C5 457 'external_id'", "telegramUserName D5 12345 'telegramUserName'"],
            update.NumberCells.Select(cell => $"{cell.Field.Name} {cell.Cell} {cell.Text} {cell.Column}"));
    }

    [Fact]
    public void A_text_cell_and_a_csv_cell_are_no_number_cells_and_a_renamed_column_is_named_as_written()
    {
        var renamed = new LeadRowParser(
            ColumnMap.Build("leads.xlsx", ["lead_id", "Кампания"], new Dictionary<string, string> { ["Кампания"] = "campaign_id" }, ReportColumns.Names), Rules);

        Assert.Empty(Parser("lead_id", "campaign_id").Parse(new RawRow(1, 2, ["101", "1201"])).Update!.NumberCells);
        Assert.Empty(Parser("lead_id", "campaign_id").Parse(Row(["101", "001201"], CellKind.Number, CellKind.Text)).Update!.NumberCells);
        Assert.Equal("'Кампания' (campaign_id)", Assert.Single(renamed.Parse(Row(["101", "1201"], CellKind.Number, CellKind.Number)).Update!.NumberCells).Column);
    }

    [Fact]
    public void Only_text_fields_and_string_custom_fields_hold_text_a_number_cell_can_change()
    {
        Assert.Equal(
            ["client_name", "quiz_log", "campaign_id", "external_id", "telegramUserName", "instagramLogin", "externalIdBitrix24", "externalIdAmo", "externalIdMacro", "externalIdDomoplaner"],
            LeadFields.All.Where(field => field.HoldsText).Select(field => field.Name));
        Assert.Equal(["string"], CustomFieldType.All.Where(type => type.HoldsText).Select(type => type.Name));
    }

    [Theory]
    [InlineData("1201", "001201")]
    [InlineData("457", "000457")]
    [InlineData("0", "000")]
    [InlineData("1201", " 001201 ")]
    public void A_value_liner_holds_with_the_zeros_the_spreadsheet_dropped_is_refused_naming_cell_value_and_fix(string cell, string held)
    {
        Assert.Equal(
            $"column 'campaign_id': {cell} is a number cell (B5), and Liner holds '{held.Trim()}': the spreadsheet dropped the leading zeros; format the column as text and enter the values again",
            Cell(cell).LostZeros(FieldValue.Of(LeadFields.CampaignId, held)));
    }

    [Theory]
    [InlineData("1201", "1201")]
    [InlineData("1201", "001202")]
    [InlineData("1201", "")]
    [InlineData("1201", "A01201")]
    [InlineData("1201", "12010")]
    public void Any_other_value_liner_holds_is_no_lost_zero(string cell, string held) =>
        Assert.Null(Cell(cell).LostZeros(FieldValue.Of(LeadFields.CampaignId, held)));

    [Fact]
    public void Nothing_known_of_liner_s_value_is_no_lost_zero() => Assert.Null(Cell("1201").LostZeros(null));

    [Fact]
    public void A_column_of_number_ids_is_warned_of_once_at_its_first_cell()
    {
        var columns = new NumberColumns(zerosGuarded: false);
        var first = new LeadUpdate(1, []) { NumberCells = [Cell("1201"), new NumberCell(LeadFields.ExternalId, "'external_id'", "C5", "12.5")] };
        var second = new LeadUpdate(2, []) { NumberCells = [Cell("457") with { Cell = "B6" }, new NumberCell(LeadFields.ExternalId, "'external_id'", "C6", "4570")] };

        var said = columns.FirstOf(first).Concat(columns.FirstOf(second)).Select(cell => cell.Warning).ToList();

        Assert.Equal(
            [
                "column 'campaign_id' has number cells (first B5: 1201): a spreadsheet that read ids as numbers dropped their leading zeros (001201 became 1201); to keep them, format the column as text and enter the ids again",
                "column 'external_id' has number cells (first C6: 4570): a spreadsheet that read ids as numbers dropped their leading zeros (001201 became 1201); to keep them, format the column as text and enter the ids again",
            ],
            said);
        Assert.Empty(columns.FirstOf(second));
    }

    [Fact]
    public void A_run_that_compares_with_liner_is_warned_only_of_ids_longer_than_a_spreadsheet_keeps()
    {
        var columns = new NumberColumns(zerosGuarded: true);

        Assert.Empty(columns.FirstOf(new LeadUpdate(1, []) { NumberCells = [Cell("1201")] }));
        Assert.Equal(
            "column 'campaign_id' has number cells (first B5: 1234567890123460000): a spreadsheet keeps only 15 digits of a number, so a longer id it read as a number is rounded; to keep the ids, format the column as text and enter them again",
            Assert.Single(columns.FirstOf(new LeadUpdate(2, []) { NumberCells = [Cell("1234567890123460000")] })).Warning);
    }
}
