using System.Text;
using LinerBulkUpdater.Input;

namespace LinerBulkUpdater.Tests.Input;

/// <summary>
/// <see cref="CsvInputOptions.TolerateTruncatedEnd"/>: a report cut off by kill -9 is read up to its last whole record.
/// </summary>
public sealed class CsvTruncatedEndTests : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly CsvInputOptions Tolerant = new() { TolerateTruncatedEnd = true };
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Partial_last_line_is_left_out_and_its_line_named(string eol)
    {
        var path = _folder.Write("report.csv", $"lead_id,status{eol}1,2{eol}2,3{eol}3,", Utf8);

        using var source = CsvRowSource.Open(path, Tolerant);

        Assert.Equal(2, source.DataRowCount);
        Assert.Equal(4, source.CutOffLine);
        Assert.Equal([["1", "2"], ["2", "3"]], source.ReadRows().Select(row => row.Cells));
    }

    [Fact]
    public void Quoted_cell_cut_off_across_lines_is_left_out_instead_of_refused()
    {
        var path = _folder.Write("report.csv", "lead_id,quiz_log\r\n1,\"a\r\nb\"\r\n2,\"first line\r\nsecond li", Utf8);

        using var source = CsvRowSource.Open(path, Tolerant);

        Assert.Equal(1, source.DataRowCount);
        Assert.Equal(4, source.CutOffLine);
        Assert.Equal(["1", "a\r\nb"], Assert.Single(source.ReadRows()).Cells);
    }

    [Fact]
    public void Closed_quote_without_the_line_break_after_it_is_still_cut_off()
    {
        // The report writer ends every record with a line break, so even a complete-looking last cell was cut.
        var path = _folder.Write("report.csv", "lead_id,client_name\n1,\"Ann\"\n2,\"Bob\"", Utf8);

        using var source = CsvRowSource.Open(path, Tolerant);

        Assert.Equal(["1", "Ann"], Assert.Single(source.ReadRows()).Cells);
    }

    [Fact]
    public void File_that_ends_with_a_line_break_loses_nothing()
    {
        var path = _folder.Write("report.csv", "lead_id,status\n1,2\n\n2,3\n", Utf8);

        using var source = CsvRowSource.Open(path, Tolerant);

        Assert.Equal(0, source.CutOffLine);
        Assert.Equal([1, 3], source.ReadRows().Select(row => row.SourceRow));
    }

    [Fact]
    public void Header_cut_off_leaves_an_empty_file()
    {
        var path = _folder.Write("report.csv", "source_row,outc", Utf8);

        var error = Assert.Throws<UsageException>(() => CsvRowSource.Open(path, Tolerant));

        Assert.Equal($"{path}: the file is empty: the first row must be a header naming the columns", error.Message);
    }

    [Fact]
    public void Without_the_option_nothing_changes_a_last_line_is_read_and_an_open_quote_refused()
    {
        var partial = _folder.Write("partial.csv", "lead_id,status\n1,2\n2,3", Utf8);
        var open = _folder.Write("open.csv", "lead_id,quiz_log\n1,\"never closed\n", Utf8);

        using var source = CsvRowSource.Open(partial, new CsvInputOptions());

        Assert.Equal(2, source.ReadRows().Count());
        Assert.Equal(0, source.CutOffLine);
        Assert.Throws<UsageException>(() => CsvRowSource.Open(open, new CsvInputOptions()));
    }

    [Fact]
    public void Quote_cut_off_behind_a_stray_quote_in_the_same_row_is_left_out_too()
    {
        var path = _folder.Write("report.csv", "lead_id,client_name,quiz_log\n1,Ann,x\n2,O\"Brien,\"first line\nsecond li", Utf8);

        using var source = CsvRowSource.Open(path, Tolerant);

        Assert.Equal(1, source.DataRowCount);
        Assert.Equal(3, source.CutOffLine);
        Assert.Equal(["1", "Ann", "x"], Assert.Single(source.ReadRows()).Cells);
    }

    [Theory]
    [InlineData("\r\n", 0)]
    [InlineData("", 3)]
    public void Utf16_report_is_judged_by_its_last_character_not_its_last_byte(string end, long cutOffLine)
    {
        var path = _folder.Write("report.csv", $"lead_id\tstatus\r\n1\t2\r\n2\t3{end}", Encoding.Unicode, byteOrderMark: true);

        using var source = CsvRowSource.Open(path, Tolerant);

        Assert.Equal(cutOffLine, source.CutOffLine);
        Assert.Equal(cutOffLine == 0 ? 2 : 1, source.ReadRows().Count());
    }
}
