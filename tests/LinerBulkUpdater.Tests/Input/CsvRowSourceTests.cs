using System.Text;
using LinerBulkUpdater.Input;

namespace LinerBulkUpdater.Tests.Input;

public sealed class CsvRowSourceTests : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly TempFolder _folder = new();

    static CsvRowSourceTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Utf8_file_with_bom_keeps_quoted_newlines_delimiters_and_doubled_quotes()
    {
        var path = _folder.Write("leads.csv",
            "lead_id,quiz_log,client_name\r\n" +
            "1,\"line one\r\nline two, with a comma\",\"Say \"\"hi\"\"\"\r\n" +
            "2,plain,Bob\r\n",
            Utf8, byteOrderMark: true);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal("utf-8", source.Encoding.WebName);
        Assert.Equal(',', source.Delimiter);
        Assert.Equal(["lead_id", "quiz_log", "client_name"], source.Header);
        var rows = source.ReadRows().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["1", "line one\r\nline two, with a comma", "Say \"hi\""], rows[0].Cells);
        Assert.Equal(["2", "plain", "Bob"], rows[1].Cells);
    }

    [Fact]
    public void Windows1251_file_saved_by_russian_excel_is_decoded()
    {
        var path = _folder.Write("leads.csv", "lead_id;Имя клиента\r\n7;Иванов Пётр\r\n", Encoding.GetEncoding(1251));

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(1251, source.Encoding.CodePage);
        Assert.Equal(';', source.Delimiter);
        Assert.Equal(["lead_id", "Имя клиента"], source.Header);
        Assert.Equal(["7", "Иванов Пётр"], Assert.Single(source.ReadRows()).Cells);
    }

    [Fact]
    public void Bomless_file_that_is_valid_utf8_is_read_as_utf8_not_as_the_fallback()
    {
        var path = _folder.Write("leads.csv", "lead_id;client_name\n7;Иванов Пётр\n", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal("utf-8", source.Encoding.WebName);
        Assert.Equal(["7", "Иванов Пётр"], Assert.Single(source.ReadRows()).Cells);
    }

    [Fact]
    public void One_invalid_utf8_byte_deep_in_the_file_makes_the_whole_file_the_fallback_code_page()
    {
        // Far past the first read buffer, so only a check of the whole file catches it.
        var utf8Part = Utf8.GetBytes("lead_id;client_name\n" + string.Concat(Enumerable.Range(1, 20_000).Select(i => $"{i};Bob\n")));
        var cp1251Part = Encoding.GetEncoding(1251).GetBytes("20001;Пётр\n");
        var path = _folder.Write("leads.csv", [.. utf8Part, .. cp1251Part]);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(1251, source.Encoding.CodePage);
        Assert.Equal(["20001", "Пётр"], source.ReadRows().Last().Cells);
    }

    [Fact]
    public void Utf8_character_split_across_read_buffers_is_still_utf8()
    {
        // Two-byte Cyrillic letters after an odd-length prefix: some letter straddles every 64 KB boundary.
        var path = _folder.Write("leads.csv", "id,name\n1," + new string('ж', 100_000) + "\n", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal("utf-8", source.Encoding.WebName);
        Assert.Equal(100_000, Assert.Single(source.ReadRows()).Cells[1].Length);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void Utf16_file_with_bom_is_decoded(string encodingName)
    {
        var path = _folder.Write("leads.csv", "lead_id\tclient_name\r\n7\tИванов Пётр\r\n", Encoding.GetEncoding(encodingName), byteOrderMark: true);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(encodingName.ToLowerInvariant(), source.Encoding.WebName.ToLowerInvariant());
        Assert.Equal(["lead_id", "client_name"], source.Header);
        Assert.Equal(["7", "Иванов Пётр"], Assert.Single(source.ReadRows()).Cells);
    }

    [Theory]
    [InlineData('\t')]
    [InlineData('|')]
    [InlineData(';')]
    [InlineData(',')]
    public void Separator_is_detected_from_the_header(char delimiter)
    {
        var path = _folder.Write("leads.csv", $"lead_id{delimiter}client_name{delimiter}status\n1{delimiter}Ann, Bob; Cy{delimiter}2\n".Replace(delimiter + "Ann, Bob; Cy", delimiter + "\"Ann, Bob; Cy\""), Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(delimiter, source.Delimiter);
        Assert.Equal(["lead_id", "client_name", "status"], source.Header);
        Assert.Equal(["1", "Ann, Bob; Cy", "2"], Assert.Single(source.ReadRows()).Cells);
    }

    [Theory]
    [InlineData("a;b,c;d\n", ';')]
    [InlineData("a|b\tc\n", '\t')]
    [InlineData("\"x,y,z\";b\n", ';')]
    [InlineData("a,b;c\n", ',')]
    public void Most_frequent_separator_outside_quotes_wins_and_ties_go_in_contract_order(string header, char expected)
    {
        var path = _folder.Write("leads.csv", header, Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(expected, source.Delimiter);
    }

    [Fact]
    public void Header_without_any_separator_is_a_single_column()
    {
        var path = _folder.Write("ids.csv", "lead_id\n1\n2\n", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(',', source.Delimiter);
        Assert.Equal(["lead_id"], source.Header);
        Assert.Equal([["1"], ["2"]], source.ReadRows().Select(r => r.Cells));
    }

    [Fact]
    public void Blank_rows_are_skipped_but_count_toward_source_row()
    {
        var path = _folder.Write("leads.csv", "id;name\n1;Ann\n\n;;\n  ; \t\n\"\";\" \"\n2;Bob\n\n", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        var rows = source.ReadRows().ToList();
        Assert.Equal([(1, 2L), (6, 7L)], rows.Select(r => (r.SourceRow, r.Line)));
        Assert.Equal(2, source.DataRowCount);
    }

    [Fact]
    public void Blank_lines_before_the_header_are_passed_over()
    {
        var path = _folder.Write("leads.csv", "\n;\nid;name\n1;Ann\n", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(["id", "name"], source.Header);
        Assert.Equal((1, 4L), source.ReadRows().Select(r => (r.SourceRow, r.Line)).Single());
    }

    [Fact]
    public void Row_with_more_or_fewer_cells_than_the_header_is_yielded_as_is()
    {
        var path = _folder.Write("leads.csv", "id,name\n1,Ann,extra,\n2\n", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal([["1", "Ann", "extra", ""], ["2"]], source.ReadRows().Select(r => r.Cells));
    }

    [Fact]
    public void Cells_are_not_trimmed_but_header_names_are()
    {
        var path = _folder.Write("leads.csv", " id ;\tname \n 1 ; Ann\t\n", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(["id", "name"], source.Header);
        Assert.Equal([" 1 ", " Ann\t"], Assert.Single(source.ReadRows()).Cells);
    }

    [Fact]
    public void Stray_quote_inside_an_unquoted_field_is_kept_as_text()
    {
        var path = _folder.Write("leads.csv", "id,name\n1,Ann \"Nickname\n2, \"Bob\n3,\"Cy\"d\"e\n", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(
            [["1", "Ann \"Nickname"], ["2", " \"Bob"], ["3", "Cyd\"e"]],
            source.ReadRows().Select(r => r.Cells));
    }

    [Fact]
    public void Quote_left_open_stops_open_naming_the_line_where_it_opened()
    {
        var path = _folder.Write("leads.csv", "id,log\n1,\"two\nlines\"\n2,ok\n3,\"never closed\n4,x\n5,y\n", Utf8);

        var error = Assert.Throws<UsageException>(() => CsvRowSource.Open(path, new CsvInputOptions()));

        Assert.Equal($"{path}: line 5: a quote opened here is never closed (the rest of the file would be folded into one cell)", error.Message);
    }

    [Fact]
    public void Missing_file_is_a_one_line_usage_error_with_the_path_as_given()
    {
        var error = Assert.Throws<UsageException>(() => CsvRowSource.Open("no/such/leads.csv", new CsvInputOptions()));

        Assert.Equal("cannot read 'no/such/leads.csv': file not found", error.Message);
    }

    [Fact]
    public void Folder_instead_of_a_file_is_a_usage_error()
    {
        var error = Assert.Throws<UsageException>(() => CsvRowSource.Open(_folder.Path, new CsvInputOptions()));

        Assert.Equal($"cannot read '{_folder.Path}': it is a folder, not a file", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\r\n ;;\n")]
    [InlineData("\uFEFF")]
    public void File_without_a_header_is_a_usage_error(string text)
    {
        var path = _folder.Write("empty.csv", text, Utf8);

        var error = Assert.Throws<UsageException>(() => CsvRowSource.Open(path, new CsvInputOptions()));

        Assert.Equal($"{path}: the file is empty: the first row must be a header naming the columns", error.Message);
    }

    [Fact]
    public void Header_only_file_has_no_data_rows()
    {
        var path = _folder.Write("leads.csv", "id,name", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(0, source.DataRowCount);
        Assert.Empty(source.ReadRows());
    }

    [Fact]
    public void Header_never_starts_with_the_byte_order_mark()
    {
        var path = _folder.Write("leads.csv", "lead_id,status\n1,2\n", Utf8, byteOrderMark: true);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal("lead_id", source.Header[0]);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void Every_line_ending_works_and_counts_lines_alike(string eol)
    {
        var path = _folder.Write("leads.csv", $"id,log{eol}1,\"a{eol}b\"{eol}{eol}2,c{eol}", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(
            [(1, 2L, $"a{eol}b"), (3, 5L, "c")],
            source.ReadRows().Select(r => (r.SourceRow, r.Line, r.Cells[1])));
    }

    [Fact]
    public void Line_numbers_stay_right_after_a_record_spanning_several_lines()
    {
        var path = _folder.Write("leads.csv", "id,log\n1,\"one\ntwo\n\nfour\"\n2,x\n3,\"y\"\n", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal([(1, 2L), (2, 6L), (3, 7L)], source.ReadRows().Select(r => (r.SourceRow, r.Line)));
    }

    [Fact]
    public void Data_row_count_is_known_before_reading_and_matches_the_rows_read()
    {
        var path = _folder.Write("leads.csv", "id;name\n1;\"A\nB\"\n\n2;C\n;;\n3;D", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(3, source.DataRowCount);
        Assert.Equal(3, source.ReadRows().Count());
    }

    [Fact]
    public void Rows_can_be_read_again_from_the_start()
    {
        var path = _folder.Write("leads.csv", "id\n1\n2\n", Utf8);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());

        Assert.Equal(source.ReadRows().Select(r => r.Cells[0]), source.ReadRows().Select(r => r.Cells[0]));
    }

    [Fact]
    public void Reading_stops_when_cancelled()
    {
        var path = _folder.Write("leads.csv", "id\n1\n2\n3\n", Utf8);
        using var source = CsvRowSource.Open(path, new CsvInputOptions());
        using var cancellation = new CancellationTokenSource();

        var read = new List<string>();
        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var row in source.ReadRows(cancellation.Token))
            {
                read.Add(row.Cells[0]);
                cancellation.Cancel();
            }
        });
        Assert.Equal(["1"], read);
    }
}
