using System.Text;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Tests.Operating;

public sealed class BaselineTests : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly FieldRules Rules = new(FieldRulesOptions.Default);
    private static readonly Dictionary<string, string> NoAliases = [];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Formatting_only_differences_are_no_change()
    {
        var baseline = Load("lead_id,client_phone,status,telegramUserName,call_timestamp\n1,+7 900 123-00-04,2,@ivan,2026-12-01T10:00:00+03:00\n");

        var diff = baseline.Diff(Update("lead_id;client_phone;status;telegramUserName;call_timestamp\n1;89001230004;2.0;ivan;1796108400\n"));

        Assert.NotNull(diff);
        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void The_changes_say_what_the_baseline_held_and_a_question_mark_for_what_it_did_not_say()
    {
        var baseline = Load("lead_id,client_name,status,priority,quiz_log\n1,Ann,2,,=x\n");

        var diff = baseline.Diff(Update("lead_id,client_name,status,priority,quiz_log,utc_offset\n1,#clear,3,4,=x,5\n"), out var changes);

        Assert.Equal("{\"client_name\":\"\",\"status\":3,\"priority\":4,\"utc_offset\":5}", Json(diff));
        Assert.Equal("client_name: Ann → (empty); status: 2 → 3; priority: ? → 4; utc_offset: ? → 5", changes);
    }

    [Fact]
    public void Only_the_fields_that_differ_are_sent_with_their_new_values()
    {
        var baseline = Load("lead_id,client_name,status,campaign_id\n1,Ann,2,007\n");

        var diff = baseline.Diff(Update("lead_id,client_name,status,campaign_id\n1,Ann,3,7\n"));

        Assert.Equal("{\"campaign_id\":\"7\",\"status\":3}", Json(diff));
        Assert.Equal(1, diff!.LeadId);
    }

    [Fact]
    public void Lead_not_in_the_baseline_is_sent_whole()
    {
        var baseline = Load("lead_id,status\n1,2\n");

        Assert.Null(baseline.Diff(Update("lead_id,status\n2,2\n")));
    }

    [Fact]
    public void Field_the_baseline_has_no_column_for_is_sent()
    {
        var baseline = Load("lead_id,status\n1,2\n");

        Assert.Equal("{\"priority\":5}", Json(baseline.Diff(Update("lead_id,status,priority\n1,2,5\n"))));
    }

    [Fact]
    public void Clear_is_sent_unless_the_baseline_itself_says_clear()
    {
        var baseline = Load("lead_id,client_name,status\n1,Ann,2\n2,,\n3,#CLEAR,#clear\n");

        Assert.Equal("{\"client_name\":\"\",\"status\":null}", Json(baseline.Diff(Update("lead_id,client_name,status\n1,#clear,#clear\n"))));
        Assert.Equal("{\"client_name\":\"\",\"status\":null}", Json(baseline.Diff(Update("lead_id,client_name,status\n2,#clear,#clear\n"))));
        Assert.Equal("{}", Json(baseline.Diff(Update("lead_id,client_name,status\n3,#clear,#clear\n"))));
    }

    [Fact]
    public void Value_where_the_baseline_says_clear_is_sent()
    {
        var baseline = Load("lead_id,client_name\n1,#clear\n");

        Assert.Equal("{\"client_name\":\"Ann\"}", Json(baseline.Diff(Update("lead_id,client_name\n1,Ann\n"))));
    }

    [Fact]
    public void Invalid_baseline_cells_are_not_remembered_so_the_field_is_sent()
    {
        var baseline = Load("lead_id,client_phone,status,vkId\n1,123,abc,0\nx,,2,\n");

        Assert.Equal(1, baseline.LeadCount);
        Assert.Equal(
            "{\"client_phone\":\"79001230004\",\"status\":2,\"vkId\":5}",
            Json(baseline.Diff(Update("lead_id,client_phone,status,vkId\n1,89001230004,2,5\n"))));
    }

    [Fact]
    public void Lead_on_two_baseline_rows_takes_the_later_row_whole()
    {
        var baseline = Load("lead_id,client_name,status\n1,Ann,2\n2,Bob,1\n1,,3\n");

        Assert.Equal(2, baseline.LeadCount);
        Assert.Equal("{\"client_name\":\"Ann\"}", Json(baseline.Diff(Update("lead_id,client_name,status\n1,Ann,3\n"))));
    }

    [Fact]
    public void Baseline_columns_are_mapped_with_the_same_aliases_and_report_columns_ignored()
    {
        var aliases = new Dictionary<string, string> { ["ID"] = "lead_id", ["Телефон"] = "client_phone" };
        var baseline = Baseline.Load(Source("source_row;outcome;http_status;attempts;error;ID;Телефон\n1;updated;200;1;;1;8 (900) 123-00-04\n"), aliases, Rules);

        Assert.Equal("{}", Json(baseline.Diff(Update("lead_id,client_phone\n1,+79001230004\n"))));
    }

    [Fact]
    public void Report_used_as_a_baseline_remembers_only_rows_whose_values_reached_liner()
    {
        var baseline = Load(
            "source_row,outcome,http_status,attempts,error,lead_id,status\n" +
            "1,updated,200,1,,1,2\n2,unchanged,,0,,2,2\n3,failed,500,3,boom,3,2\n4,not_sent,,0,,4,2\n5,invalid,,0,bad,5,2\n");

        Assert.Equal(2, baseline.LeadCount);
        Assert.Equal("{}", Json(baseline.Diff(Update("lead_id,status\n1,2\n"))));
        Assert.Equal("{}", Json(baseline.Diff(Update("lead_id,status\n2,2\n"))));
        Assert.Null(baseline.Diff(Update("lead_id,status\n3,2\n")));
    }

    [Fact]
    public void Field_sent_for_a_lead_is_sent_again_by_its_later_rows_other_fields_still_compare()
    {
        var baseline = Load("lead_id,client_name,status\n1,Ann,1\n");
        var rows = Updates("lead_id,client_name,status\n1,Ann,2\n1,Ann,1\n");

        Assert.Equal("{\"status\":2}", Json(baseline.Diff(rows[0])));
        // The first row may or may not have landed, so status 1 is no longer known to be there.
        Assert.Equal("{\"status\":1}", Json(baseline.Diff(rows[1])));
    }

    [Fact]
    public void Baseline_column_that_maps_to_no_field_stops_the_run_naming_the_baseline()
    {
        var path = _folder.Write("last-week.csv", "lead_id,created_at\n1,2026-01-01\n", Utf8);
        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        var error = Assert.Throws<UsageException>(() => Baseline.Load(source, NoAliases, Rules));

        Assert.StartsWith($"baseline {path}: column 'created_at' matches no field", error.Message);
    }

    private Baseline Load(string csv) => Baseline.Load(Source(csv), NoAliases, Rules);

    private CsvRowSource Source(string csv) =>
        CsvRowSource.Open(_folder.Write($"baseline-{Guid.NewGuid():N}.csv", csv, Utf8), new CsvInputOptions());

    private LeadUpdate Update(string csv) => Assert.Single(Updates(csv));

    private List<LeadUpdate> Updates(string csv)
    {
        using var source = CsvRowSource.Open(_folder.Write($"input-{Guid.NewGuid():N}.csv", csv, Utf8), new CsvInputOptions());
        var parser = new LeadRowParser(ColumnMap.Build("input", source.Header, NoAliases, ReportColumns.Names), Rules);
        return source.ReadRows().Select(row => parser.Parse(row).Update ?? throw new InvalidOperationException("test row is invalid")).ToList();
    }

    private static string Json(LeadUpdate? update) => Encoding.UTF8.GetString(Assert.IsType<LeadUpdate>(update).ToJson());
}
