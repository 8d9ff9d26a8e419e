using System.Text;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Tests.Operating;

/// <summary>Reports are written by <see cref="CsvReportWriter"/> itself, then cut short as kill -9 would leave them.</summary>
public sealed class ResumeIndexTests : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly CsvInputOptions ReportOptions = new() { TolerateTruncatedEnd = true };
    private static readonly string[] Header = ["lead_id", "status", "quiz_log"];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Only_rows_the_report_says_updated_are_skipped()
    {
        var report = WriteReport(Header,
            (1, Outcome.Updated, "1001"), (2, Outcome.Failed, "1002"), (3, Outcome.Invalid, "1003"), (4, Outcome.NotSent, "1004"),
            (5, Outcome.Skipped, "1005"), (6, Outcome.Unchanged, "1006"), (7, Outcome.DryRun, "1007"), (9, Outcome.Updated, "1009"));

        var index = Load(report, Header);

        Assert.Equal(2, index.UpdatedCount);
        Assert.True(index.WasUpdated(1, "1001"));
        Assert.True(index.WasUpdated(9, " 1009 "));
        Assert.All(Enumerable.Range(2, 7), row => Assert.False(index.WasUpdated(row, $"100{row}")));
        Assert.False(index.WasUpdated(10, "1010"));
    }

    [Fact]
    public void Row_a_resumed_run_skipped_as_updated_earlier_is_skipped_again()
    {
        var report = WriteReport(Header, [new RowResult(Row(4, "1004"), Outcome.Skipped, Error: IEarlierRun.UpdatedEarlier + " (leads.report-1.csv)")]);

        Assert.True(Load(report, Header).WasUpdated(4, "1004"));
    }

    [Fact]
    public void Last_line_cut_off_mid_lead_id_is_ignored()
    {
        var report = WriteReport(Header, (1, Outcome.Updated, "1001"), (2, Outcome.Updated, "1002"), (3, Outcome.Updated, "1003"));
        CutAt(report, "1003", keep: 2);

        var index = Load(report, Header);

        Assert.Equal(2, index.UpdatedCount);
        Assert.False(index.WasUpdated(3, "1003"));
    }

    [Fact]
    public void Last_record_cut_off_inside_a_quoted_multi_line_cell_is_ignored()
    {
        var rows = new[]
        {
            new RowResult(Row(1, "1001", "one\nline"), Outcome.Updated),
            new RowResult(Row(2, "1002", "первая строка\nвторая строка"), Outcome.Updated),
        };
        var report = WriteReport(Header, rows);
        // Mid-way through a two-byte Cyrillic letter, after the quoted cell's line break.
        CutAt(report, "вторая", keep: 1, extraBytes: 1);

        var index = Load(report, Header);

        Assert.Equal(1, index.UpdatedCount);
        Assert.True(index.WasUpdated(1, "1001"));
        Assert.False(index.WasUpdated(2, "1002"));
    }

    [Fact]
    public void Report_with_other_input_columns_is_refused_naming_the_first_difference()
    {
        var report = WriteReport(["lead_id", "priority"], (1, Outcome.Updated, "1001"));

        var error = Assert.Throws<UsageException>(() => Load(report, ["Lead_ID", "Status"]));

        Assert.Equal($"{report}: its input columns are not this input's (column 2 is 'priority' there, 'Status' here); this report does not belong to this input", error.Message);
    }

    [Fact]
    public void Report_with_fewer_input_columns_is_refused()
    {
        var report = WriteReport(["lead_id", "status"], (1, Outcome.Updated, "1001"));

        var error = Assert.Throws<UsageException>(() => Load(report, Header));

        Assert.Equal($"{report}: its input columns are not this input's (column 3 is missing there, 'quiz_log' here); this report does not belong to this input", error.Message);
    }

    [Fact]
    public void File_without_the_report_columns_is_refused()
    {
        var notReport = _folder.Write("leads.csv", "lead_id,status,quiz_log\n1001,2,\n", Utf8);

        var error = Assert.Throws<UsageException>(() => Load(notReport, Header));

        Assert.Equal($"{notReport}: no 'source_row' column, so it is not a report of this tool; --resume takes the report of an earlier run of this input", error.Message);
    }

    [Fact]
    public void Same_columns_but_another_lead_at_a_source_row_is_refused_when_the_row_is_matched()
    {
        var report = WriteReport(Header, (17, Outcome.Updated, "1001"));
        var index = Load(report, Header);

        var error = Assert.Throws<UsageException>(() => index.WasUpdated(17, "2002"));

        Assert.Equal($"{report}: row 17 was lead 1001 there, is lead 2002 here; this report does not belong to this input", error.Message);
    }

    [Fact]
    public void Input_that_is_itself_a_report_is_matched_by_its_own_columns_and_an_aliased_lead_id()
    {
        string[] input = ["source_row", "outcome", "http_status", "attempts", "error", "ID", "status"];
        var report = WriteReport(input, [new RowResult(new RawRow(1, 2, ["5", "failed", "500", "3", "boom", "1001", "2"]), Outcome.Updated)]);

        using var source = CsvRowSource.Open(report, ReportOptions);
        var index = ResumeIndex.Load(source, input, leadIdHeader: "ID");

        Assert.True(index.WasUpdated(1, "1001"));
    }

    [Fact]
    public void Check_against_the_input_counts_the_skips_and_refuses_a_changed_file_before_anything_is_sent()
    {
        var report = WriteReport(Header, (1, Outcome.Updated, "1001"), (2, Outcome.Failed, "1002"), (3, Outcome.Updated, "1003"));
        var index = Load(report, Header);
        using var same = Input("leads.csv", "lead_id,status,quiz_log\n1001,2,\n1002,2,\n1003,2,\n");
        using var changed = Input("changed.csv", "lead_id,status,quiz_log\n1001,2,\n1002,2,\n2003,2,\n");
        using var shorter = Input("shorter.csv", "lead_id,status,quiz_log\n1001,2,\n1002,2,\n");

        Assert.Equal(2, index.CheckAgainst(same, leadIdColumn: 0));
        Assert.Equal(
            $"{report}: row 3 was lead 1003 there, is lead 2003 here; this report does not belong to this input",
            Assert.Throws<UsageException>(() => index.CheckAgainst(changed, leadIdColumn: 0)).Message);
        Assert.Equal(
            $"{report}: row 3 was lead 1003 there, and this input has no row 3; this report does not belong to this input",
            Assert.Throws<UsageException>(() => index.CheckAgainst(shorter, leadIdColumn: 0)).Message);
    }

    [Fact]
    public void Updated_row_whose_source_row_was_edited_away_is_refused_naming_its_line()
    {
        var report = _folder.Write("edited.csv", "source_row,outcome,http_status,attempts,error,lead_id,status,quiz_log\nabc,updated,200,1,,1001,2,\n", Utf8);

        var error = Assert.Throws<UsageException>(() => Load(report, Header));

        Assert.Equal($"{report}: line 2: an updated row with source_row 'abc' and lead id '1001' cannot be matched; was the report edited?", error.Message);
    }

    private ResumeIndex Load(string reportPath, IReadOnlyList<string> inputHeader)
    {
        using var source = CsvRowSource.Open(reportPath, ReportOptions);
        return ResumeIndex.Load(source, inputHeader);
    }

    private CsvRowSource Input(string name, string csv) => CsvRowSource.Open(_folder.Write(name, csv, Utf8), new CsvInputOptions());

    private string WriteReport(string[] inputHeader, params (int SourceRow, Outcome Outcome, string LeadId)[] rows) =>
        WriteReport(inputHeader, rows.Select(row => new RowResult(Row(row.SourceRow, row.LeadId), row.Outcome, Attempts: 1)).ToArray());

    private string WriteReport(string[] inputHeader, RowResult[] rows)
    {
        var path = Path.Combine(_folder.Path, $"report-{Guid.NewGuid():N}.csv");
        var writer = new CsvReportWriter(path, inputHeader, ',');
        foreach (var row in rows)
        {
            writer.Write(row);
        }

        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return path;
    }

    private static RawRow Row(int sourceRow, string leadId, string quizLog = "") => new(sourceRow, sourceRow + 1, [leadId, "2", quizLog]);

    /// <summary>Cuts the file after the first <paramref name="keep"/> characters of the last <paramref name="marker"/>, plus some bytes of the next.</summary>
    private static void CutAt(string path, string marker, int keep, int extraBytes = 0)
    {
        var bytes = File.ReadAllBytes(path);
        var markerBytes = Encoding.UTF8.GetBytes(marker);
        var at = bytes.AsSpan().LastIndexOf(markerBytes);
        Assert.True(at >= 0, $"'{marker}' is not in the report");
        var length = at + Encoding.UTF8.GetByteCount(marker[..keep]) + extraBytes;
        File.WriteAllBytes(path, bytes[..length]);
    }
}
