using System.Text;
using LinerBulkUpdater.Input;

namespace LinerBulkUpdater.Tests.Input;

/// <summary>Excel's <c>sep=</c> first line, and files that hold nothing but a header.</summary>
public sealed class CsvSeparatorHintTests : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Sep_line_names_the_separator_and_is_neither_header_nor_data_row(string eol)
    {
        var path = _folder.Write("leads.csv", $"sep=;{eol}ФИО, полностью;Телефон{eol}Иванов, Иван;+7916{eol}{eol}Петров;+7917{eol}", Utf8, byteOrderMark: true);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(';', source.Delimiter);
        Assert.Equal(["ФИО, полностью", "Телефон"], source.Header);
        Assert.Equal(2, source.DataRowCount);
        Assert.Equal(
            [(1, 3L, "Иванов, Иван"), (3, 5L, "Петров")],
            source.ReadRows().Select(row => (row.SourceRow, row.Line, row.Cells[0])));
    }

    [Fact]
    public void Sep_line_wins_over_what_the_rows_look_like()
    {
        var path = _folder.Write("leads.csv", "sep=|\nid,name\n1,Ann\n", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal('|', source.Delimiter);
        Assert.Equal(["id,name"], source.Header);
        Assert.Equal(["1,Ann"], Assert.Single(source.ReadRows()).Cells);
    }

    [Fact]
    public void Sep_line_alone_is_an_empty_file()
    {
        var path = _folder.Write("leads.csv", "sep=;\n", Utf8);

        var error = Assert.Throws<UsageException>(() => CsvRowSource.Open(path, new CsvInputOptions()));

        Assert.Equal($"{path}: the file is empty: the first row must be a header naming the columns", error.Message);
    }

    [Theory]
    [InlineData("id,name", ',')]
    [InlineData("id,name\n", ',')]
    [InlineData("id;name\r\n", ';')]
    [InlineData("id\tname\n\n\n", '\t')]
    [InlineData("\n\nid|name\n  \n", '|')]
    [InlineData("sep=;\nid;name\n", ';')]
    [InlineData("\"id\";\"name\"\n", ';')]
    public void Header_only_file_has_its_header_and_no_rows(string text, char separator)
    {
        var path = _folder.Write("leads.csv", text, Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(separator, source.Delimiter);
        Assert.Equal(["id", "name"], source.Header);
        Assert.Equal(0, source.DataRowCount);
        Assert.Empty(source.ReadRows());
    }
}
