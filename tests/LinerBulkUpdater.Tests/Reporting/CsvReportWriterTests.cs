using System.Text;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Tests.Reporting;

public sealed class CsvReportWriterTests : IDisposable
{
    private static readonly string[] Awkward = ["=HYPERLINK(\"http://evil\")", "+7 900", "-5", "@ivan", "\tcmd", "\rcr", "'=already", "''+twice", "'plain", "plain", ""];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string ReportPath => Path.Combine(_folder.Path, "leads.report.csv");

    [Fact]
    public async Task A_workbook_s_cells_that_start_like_a_formula_are_made_inert_and_read_back_exactly()
    {
        await WriteAsync(Awkward.Select((text, i) => new RawRow(i + 1, i + 2, ["101", text], FromWorkbook: true)));

        using var source = CsvRowSource.Open(ReportPath, new CsvInputOptions());
        var written = source.ReadRows().Select(row => row.Cells[7]).ToArray();
        Assert.Equal(
            ["'=HYPERLINK(\"http://evil\")", "'+7 900", "'-5", "'@ivan", "'\tcmd", "'\rcr", "''=already", "'''+twice", "'plain", "plain", ""],
            written);
        Assert.Equal(Awkward, written.Select(SpreadsheetText.Restore));
    }

    [Fact]
    public async Task A_csv_s_cells_are_written_byte_for_byte_as_they_were()
    {
        await WriteAsync([new RawRow(1, 2, ["101", "=1+1"]), new RawRow(2, 3, ["102", "'=x"]), new RawRow(3, 4, ["103", "-5"])]);

        var expected = "\uFEFFsource_row;outcome;http_status;attempts;error;changes;lead_id;client_name\r\n" +
            "1;updated;200;1;;;101;=1+1\r\n2;updated;200;1;;;102;'=x\r\n3;updated;200;1;;;103;-5\r\n";
        Assert.Equal(Encoding.UTF8.GetBytes(expected), File.ReadAllBytes(ReportPath));
    }

    [Theory]
    [InlineData("leads.xlsx", ".xlsx")]
    [InlineData("leads.XLSM", ".xlsx")]
    [InlineData("leads.csv", ".csv")]
    [InlineData("leads.txt", ".csv")]
    public void The_default_report_has_the_input_s_format(string input, string extension)
    {
        var path = ReportWriters.DefaultPath(Path.Combine(_folder.Path, input), new DateTimeOffset(2026, 11, 25, 17, 30, 0, TimeSpan.FromHours(3)));

        Assert.Equal(Path.Combine(_folder.Path, $"leads.report-20261125T143000Z{extension}"), path);
    }

    private async Task WriteAsync(IEnumerable<RawRow> rows)
    {
        await using var report = new CsvReportWriter(ReportPath, ["lead_id", "client_name"], ';');
        foreach (var row in rows)
        {
            report.Write(new RowResult(row, Outcome.Updated, 200, 1));
        }
    }
}
