using System.Text;
using LinerBulkUpdater.Input;

namespace LinerBulkUpdater.Tests.Input;

/// <summary>
/// Quoting mistakes that would fold rows into one cell are refused before anything is sent, naming the line;
/// the harmless ones are read as text.
/// </summary>
public sealed class CsvFoldedRowsTests : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Stray_quote_that_closes_a_quote_opened_rows_earlier_is_refused_naming_the_line()
    {
        // Without the check, leads 6 and 7 would vanish and lead 5's name would be sent as "Ivan,1\n6,Petr,…".
        var path = _folder.Write("leads.csv", "lead_id,name,x\n1,Ann,1\n2,Bob,1\n3,Cid,1\n5,\"Ivan,1\n6,Petr,1\n7,Anna,1\n8,O\"Brien,1\n9,Dan,1\n", Utf8);

        var error = Assert.Throws<UsageException>(() => CsvRowSource.Open(path, new CsvInputOptions()));

        Assert.Equal(
            $"{path}: line 5: a quoted cell that starts here runs over 4 lines and is followed by text after its closing quote; a stray quote has probably folded rows into one cell",
            error.Message);
    }

    [Fact]
    public void Fold_behind_a_harmless_stray_quote_in_the_same_row_is_still_refused()
    {
        // CsvHelper names only the first problem of a record: here the stray quotes of the nickname.
        var path = _folder.Write("leads.csv", "id,name,x,y\n1,Ann \"Nick\",x,\"Ivan\n2,Petr\n3,O\"Brien\n4,ok\n", Utf8);

        var error = Assert.Throws<UsageException>(() => CsvRowSource.Open(path, new CsvInputOptions()));

        Assert.StartsWith($"{path}: line 2: a quoted cell that starts here runs over 3 lines", error.Message);
    }

    [Fact]
    public void Fold_is_named_on_the_line_where_its_cell_starts_after_a_proper_multi_line_cell()
    {
        var path = _folder.Write("leads.csv", "id,log,name\n1,\"a\nb\",\"Ivan\n2,x,Petr\n3,x,O\"Brien\n", Utf8);

        var error = Assert.Throws<UsageException>(() => CsvRowSource.Open(path, new CsvInputOptions()));

        Assert.StartsWith($"{path}: line 3: a quoted cell that starts here runs over 3 lines", error.Message);
    }

    [Fact]
    public void Quote_never_closed_behind_a_stray_quote_in_the_same_row_is_still_refused()
    {
        var path = _folder.Write("leads.csv", "id,name,x\n1,O\"Brien,\"Vasya\n2,Petr,1\n3,Cid,1\n", Utf8);

        var error = Assert.Throws<UsageException>(() => CsvRowSource.Open(path, new CsvInputOptions()));

        Assert.Equal($"{path}: line 2: a quote opened here is never closed (the rest of the file would be folded into one cell)", error.Message);
    }

    [Fact]
    public void Stray_quote_beside_a_proper_multi_line_cell_is_read_as_text()
    {
        var path = _folder.Write("leads.csv", "id,name,log\n1,O\"Brien,\"q1: yes\nq2: \"\"no\"\"\"\n2,Ann,x\n", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal([["1", "O\"Brien", "q1: yes\nq2: \"no\""], ["2", "Ann", "x"]], source.ReadRows().Select(row => row.Cells));
    }

    [Fact]
    public void Quote_open_to_the_end_of_a_20_mb_file_is_refused_at_the_record_size_limit()
    {
        var text = new StringBuilder("id,log\n1,ok\n2,\"never closed\n");
        while (text.Length < 20 * 1024 * 1024)
        {
            text.Append('x', 99).Append('\n');
        }

        var path = _folder.Write("leads.csv", text.ToString(), Utf8);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<UsageException>(() => CsvRowSource.Open(path, new CsvInputOptions()));

        Assert.Equal(
            $"{path}: line 3: the record that starts here is over 16 MB: a quote opened in it is probably never closed (the rest of the file would be folded into one cell)",
            error.Message);
        // The limit stops the read before the end of the file; the buffer grows by doubling to about twice the limit.
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 80L * 1024 * 1024);
    }
}
