using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Tests.Leads;

public sealed class ColumnMapTests
{
    private static readonly Dictionary<string, string> NoAliases = [];

    [Fact]
    public void Header_names_map_to_fields_case_insensitively_in_api_order()
    {
        var map = ColumnMap.Build("leads.csv", ["Status", "LEAD_ID", "client_name", "VKID"], NoAliases, ReportColumns.Names);

        Assert.Equal(1, map.LeadIdColumn);
        Assert.Equal(["client_name", "status", "vkId"], map.Fields.Select(column => column.Field.Name));
        Assert.Equal([2, 0, 3], map.Fields.Select(column => column.Index));
    }

    [Fact]
    public void Aliases_from_settings_map_columns_in_any_case()
    {
        var aliases = new Dictionary<string, string> { ["Телефон"] = "client_phone", ["ID лида"] = "lead_id" };
        var map = ColumnMap.Build("leads.csv", ["id лида", "телефон"], aliases, ReportColumns.Names);

        Assert.Equal(0, map.LeadIdColumn);
        Assert.Equal("client_phone", Assert.Single(map.Fields).Field.Name);
    }

    [Fact]
    public void A_mistyped_column_stops_the_run_naming_the_nearest_field()
    {
        var error = Assert.Throws<UsageException>(() => ColumnMap.Build("leads.csv", ["lead_id", "staus"], NoAliases, ReportColumns.Names));
        Assert.Equal("leads.csv: column 'staus' matches no field; did you mean 'status'? (or add an alias under Mapping:Columns)", error.Message);
    }

    [Fact]
    public void A_missing_lead_id_column_stops_the_run()
    {
        var error = Assert.Throws<UsageException>(() => ColumnMap.Build("leads.csv", ["status"], NoAliases, ReportColumns.Names));
        Assert.Equal("leads.csv: no 'lead_id' column; the header is: status", error.Message);
    }

    [Fact]
    public void Two_columns_for_one_field_stop_the_run()
    {
        var aliases = new Dictionary<string, string> { ["Статус"] = "status" };
        var error = Assert.Throws<UsageException>(() => ColumnMap.Build("leads.csv", ["lead_id", "status", "Статус"], aliases, ReportColumns.Names));
        Assert.Equal("leads.csv: columns 'status' and 'Статус' both map to 'status'; keep one", error.Message);
    }

    [Fact]
    public void A_reports_own_columns_are_recognised_and_ignored()
    {
        var map = ColumnMap.Build("leads.report.csv", ["source_row", "outcome", "http_status", "attempts", "error", "lead_id", "status"], NoAliases, ReportColumns.Names);

        Assert.Equal(5, map.LeadIdColumn);
        Assert.Equal("status", Assert.Single(map.Fields).Field.Name);
    }

    [Theory]
    [InlineData("staus", "status", 1)]
    [InlineData("status", "status", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_counts_edits(string a, string b, int expected)
    {
        Assert.Equal(expected, ColumnMap.Distance(a, b));
    }

    private static string Unknown(string column, Dictionary<string, string>? aliases = null) =>
        Assert.Throws<UsageException>(() => ColumnMap.Build("leads.csv", ["lead_id", column], aliases ?? NoAliases, ReportColumns.Names)).Message;

    private const string EveryField =
        "fields are lead_id, client_name, client_phone, quiz_log, campaign_id, external_id, status, call_timestamp, priority, utc_offset, telegramUserName, telegramPhone, vkId, instagramLogin, externalIdBitrix24, externalIdAmo, externalIdMacro, externalIdDomoplaner";

    [Theory]
    [InlineData("Комментарий")]
    [InlineData("email")]
    [InlineData("comment")]
    [InlineData("id")]
    [InlineData("vk")]
    [InlineData("phone")]
    [InlineData("x")]
    public void A_column_near_no_name_gets_the_list_of_fields_and_no_guess(string column)
    {
        Assert.Equal($"leads.csv: column '{column}' matches no field; {EveryField} (or add an alias under Mapping:Columns)", Unknown(column));
    }

    [Theory]
    [InlineData("staus", "status")]
    [InlineData("Stauts", "status")]
    [InlineData("client_phnoe", "client_phone")]
    [InlineData("client phone", "client_phone")]
    [InlineData("telegram_user_name", "telegramUserName")]
    [InlineData("instagram_login", "instagramLogin")]
    [InlineData("leadid", "lead_id")]
    [InlineData("vkid1", "vkId")]
    public void A_column_a_typo_away_from_a_field_gets_that_field_suggested(string column, string field)
    {
        Assert.Equal($"leads.csv: column '{column}' matches no field; did you mean '{field}'? (or add an alias under Mapping:Columns)", Unknown(column));
    }

    [Fact]
    public void A_column_a_typo_away_from_an_alias_gets_the_alias_suggested()
    {
        var aliases = new Dictionary<string, string> { ["Телефон"] = "client_phone" };
        Assert.Equal("leads.csv: column 'Телфон' matches no field; did you mean 'Телефон'? (or add an alias under Mapping:Columns)", Unknown("Телфон", aliases));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 2)]
    [InlineData(8, 2)]
    [InlineData(9, 3)]
    [InlineData(15, 5)]
    public void A_typo_may_take_about_one_edit_in_three_letters_and_never_all_of_them(int length, int edits)
    {
        Assert.Equal(edits, ColumnMap.TypoEdits(length));
    }
}
