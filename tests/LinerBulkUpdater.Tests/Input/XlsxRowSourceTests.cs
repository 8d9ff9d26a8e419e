using System.Security;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Tests.Input;

public sealed class XlsxRowSourceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Numbers_come_as_invariant_text_with_no_exponent_and_no_trailing_zero()
    {
        var path = Save(new XlsxFile().Sheet("Leads",
            Row(1, Text("A1", "value")) +
            Row(2, Number("A2", "79001112233")) +
            Row(3, Number("A3", "2")) +
            Row(4, Number("A4", "2.0")) +
            Row(5, Number("A5", "2.5")) +
            Row(6, Number("A6", "12345")) +
            Row(7, Number("A7", "1E+20")) +
            Row(8, Number("A8", "0.1")) +
            // A formula's result carries binary noise past the 15th digit; Excel shows, and means, 0.3.
            Row(9, """<c r="A9"><f>0.1+0.2</f><v>0.30000000000000004</v></c>""") +
            Row(10, Number("A10", "-1.5E-3")) +
            // Excel's own way of storing what it keeps of a typed 123456789012345678.
            Row(11, Number("A11", "1.23456789012346E+17")) +
            // And of a typed 0.1, at times: the double's 17 digits.
            Row(12, Number("A12", "0.10000000000000001"))));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        var rows = source.ReadRows().ToList();
        Assert.Equal(
            ["79001112233", "2", "2", "2.5", "12345", "100000000000000000000", "0.1", "0.3", "-0.0015", "123456789012346000", "0.1"],
            rows.Select(row => Assert.Single(row.Cells)));
        Assert.All(rows, row => Assert.Equal(CellKind.Number, row.KindOf(0)));
    }

    [Fact]
    public void Cells_styled_as_dates_come_as_iso_date_times_and_other_styles_stay_numbers()
    {
        var path = Save(new XlsxFile()
            .Styles([0, 14, 22, 164, 165, 166, 167, 168], (164, "dd.mm.yyyy hh:mm"), (165, "[Red]0.00"), (166, "0\" days\""), (167, "[h]:mm"), (168, "[$-419]d mmm yyyy;@"))
            .Sheet("Leads",
                Row(1, Text("A1", "value")) +
                Row(2, Number("A2", "46357", style: 1)) +
                Row(3, Number("A3", "46357.4166666667", style: 2)) +
                Row(4, Number("A4", "46357.75", style: 3)) +
                Row(5, Number("A5", "2.5", style: 4)) +
                Row(6, Number("A6", "7", style: 5)) +
                Row(7, Number("A7", "1.5", style: 6)) +
                Row(8, Number("A8", "46357", style: 7)) +
                Row(9, Number("A9", "46357", style: 99)) +
                Row(10, Number("A10", "46357.99999999", style: 1)) +
                Row(11, Number("A11", "-1", style: 1))));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        var cells = source.ReadRows().Select(row => (Assert.Single(row.Cells), row.KindOf(0))).ToList();
        Assert.Equal(
            [
                ("2026-12-01T00:00:00", CellKind.Date), ("2026-12-01T10:00:00", CellKind.Date), ("2026-12-01T18:00:00", CellKind.Date),
                ("2.5", CellKind.Number), ("7", CellKind.Number), ("1900-01-01T12:00:00", CellKind.Date), ("2026-12-01T00:00:00", CellKind.Date),
                ("46357", CellKind.Number), ("2026-12-02T00:00:00", CellKind.Date), ("-1", CellKind.Number),
            ],
            cells);
    }

    [Fact]
    public void Date_1904_workbooks_and_iso_date_cells_are_read_as_dates()
    {
        var path = Save(new XlsxFile().Date1904().Styles([0, 22]).Sheet("Leads",
            Row(1, Text("A1", "value")) +
            Row(2, Number("A2", "44895.5", style: 1)) +
            Row(3, """<c r="A3" t="d"><v>2026-12-01T10:00:00.6</v></c>""") +
            Row(4, """<c r="A4" t="d"><v>2026-12-01T10:00:00+03:00</v></c>""")));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        Assert.Equal(
            [("2026-12-01T12:00:00", CellKind.Date), ("2026-12-01T10:00:01", CellKind.Date), ("2026-12-01T10:00:00+03:00", CellKind.Text)],
            source.ReadRows().Select(row => (Assert.Single(row.Cells), row.KindOf(0))));
    }

    [Fact]
    public void Shared_inline_and_rich_text_come_exactly_as_written()
    {
        var path = Save(new XlsxFile()
            .SharedStrings(
                "client_name",
                "  Иванов Пётр  ",
                "<r><rPr><b/></rPr><t>Bo</t></r><r><t xml:space=\"preserve\">b </t></r><r><t>Smith</t></r>",
                "<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh>",
                "<t>line one_x000D_\nline two _x005F_x0041_</t>",
                "<t/>")
            .Sheet("Leads",
                Row(1, Shared("A1", 0)) +
                Row(2, Shared("A2", 1)) +
                Row(3, Shared("A3", 2)) +
                Row(4, Shared("A4", 3)) +
                Row(5, Shared("A5", 4)) +
                Row(6, """<c r="A6" t="inlineStr"><is><r><t>in</t></r><r><rPr><i/></rPr><t>line</t></r></is></c>""") +
                Row(7, Text("A7", " spaced ")) +
                Row(8, Shared("A8", 5), Text("B8", "x"))));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        Assert.Equal(["client_name"], source.Header);
        var rows = source.ReadRows().ToList();
        Assert.Equal(["  Иванов Пётр  ", "Bob Smith", "東京", "line one\r\nline two _x0041_", "inline", " spaced ", ""], rows.Select(row => row.Cells[0]));
        Assert.All(rows, row => Assert.Null(row.Kinds));
        Assert.Equal(["", "x"], rows[^1].Cells);
    }

    [Fact]
    public void Formulas_give_their_cached_value_and_a_formula_nothing_computed_is_no_blank()
    {
        var path = Save(new XlsxFile().Sheet("Leads",
            Row(1, Text("A1", "a"), Text("B1", "b"), Text("C1", "c")) +
            Row(2,
                """<c r="A2"><f>1+1</f><v>2</v></c>""",
                """<c r="B2" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>""",
                """<c r="C2"><f>SUM(A1:A2)</f></c>""") +
            // As openpyxl writes a formula: an empty <v>, no type.
            Row(3, """<c r="A3"><f>NOW()</f><v></v></c>""", """<c r="B3" t="str"><f>""</f><v></v></c>""") +
            // A text formula whose saved result is empty text is a blank, as Excel shows it.
            Row(4, """<c r="B4" t="str"><f>""</f><v></v></c>""") +
            Row(5, """<c r="B5"><f t="shared" si="0"/></c>""")));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        var rows = source.ReadRows().ToList();
        Assert.Equal(3, source.DataRowCount);
        Assert.Equal([2L, 3L, 5L], rows.Select(row => row.Line));
        Assert.Equal(["2", "xy", ""], rows[0].Cells);
        Assert.Equal([CellKind.Number, CellKind.Text, CellKind.FormulaWithoutValue], rows[0].Kinds);
        Assert.Equal([""], rows[1].Cells);
        Assert.Equal([CellKind.FormulaWithoutValue], rows[1].Kinds);
        Assert.Equal(["", ""], rows[2].Cells);
        Assert.Equal([CellKind.Text, CellKind.FormulaWithoutValue], rows[2].Kinds);
    }

    [Fact]
    public void Booleans_and_errors_have_their_own_kinds()
    {
        var path = Save(new XlsxFile().Sheet("Leads",
            Row(1, Text("A1", "a"), Text("B1", "b"), Text("C1", "c"), Text("D1", "d")) +
            Row(2,
                """<c r="A2" t="b"><v>1</v></c>""",
                """<c r="B2" t="b"><v>0</v></c>""",
                """<c r="C2" t="e"><v>#N/A</v></c>""",
                """<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>""")));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        var row = Assert.Single(source.ReadRows());
        Assert.Equal(["TRUE", "FALSE", "#N/A", "#DIV/0!"], row.Cells);
        Assert.Equal([CellKind.Boolean, CellKind.Boolean, CellKind.Error, CellKind.Error], row.Kinds);
    }

    [Fact]
    public void Cell_references_place_cells_so_gaps_are_empty_and_cells_past_the_header_still_come()
    {
        var path = Save(new XlsxFile().Sheet("Leads",
            Row(1, Text("A1", "lead_id"), Text("B1", "status"), Text("C1", "priority")) +
            Row(2, Number("A2", "7"), Number("C2", "3")) +
            // No r attributes at all: each cell is the next column, each row the next row.
            """<row><c t="inlineStr"><is><t>8</t></is></c><c/><c><v>4</v></c></row>""" +
            Row(4, Number("A4", "9"), Number("E4", "5"), """<c r="F4" s="3"/>""", """<c r="G4"><v></v></c>""")));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        var rows = source.ReadRows().ToList();
        Assert.Equal([["7", "", "3"], ["8", "", "4"], ["9", "", "", "", "5"]], rows.Select(row => row.Cells));
        Assert.Equal([CellKind.Number, CellKind.Text, CellKind.Number], rows[0].Kinds);
        Assert.Equal([CellKind.Text, CellKind.Text, CellKind.Number], rows[1].Kinds);
        Assert.Equal([1, 2, 3], rows.Select(row => row.SourceRow));
    }

    [Fact]
    public void Blank_rows_are_skipped_but_count_toward_source_row_and_line_is_the_sheet_row()
    {
        var path = Save(new XlsxFile().SharedStrings("   ").Sheet("Leads",
            Row(1, Text("A1", "lead_id")) +
            Row(2, Number("A2", "1")) +
            Row(3, """<c r="A3" s="1"/>""", Text("B3", "  "), Shared("C3", 0)) +
            Row(4) +
            // Row 5 is missing from the XML altogether, as Excel writes an untouched row.
            Row(6, Number("A6", "2"))));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        Assert.Equal(2, source.DataRowCount);
        Assert.Equal([(1, 2L), (5, 6L)], source.ReadRows().Select(row => (row.SourceRow, row.Line)));
    }

    [Fact]
    public void Header_is_the_first_row_with_a_value_and_source_rows_count_from_it()
    {
        var path = Save(new XlsxFile().Sheet("Leads",
            Row(2, """<c r="A2" s="1"/>""") +
            Row(3, Text("B3", " lead_id "), Text("C3", "status"), Text("E3", " ")) +
            Row(4, Number("B4", "1"), Number("C4", "2"))));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        Assert.Equal(["", "lead_id", "status"], source.Header);
        var row = Assert.Single(source.ReadRows());
        Assert.Equal((1, 4L), (row.SourceRow, row.Line));
        Assert.Equal(["", "1", "2"], row.Cells);
    }

    [Fact]
    public void First_sheet_is_read_by_default_and_another_is_chosen_by_name_in_any_case_or_by_number()
    {
        var path = Save(new XlsxFile()
            .Sheet("Leads", Row(1, Text("A1", "lead_id")) + Row(2, Number("A2", "1")))
            .Sheet("Архив", Row(1, Text("A1", "lead_id")) + Row(2, Number("A2", "2")) + Row(3, Number("A3", "3"))));

        using (var first = XlsxRowSource.Open(path, new XlsxInputOptions()))
        {
            Assert.Equal("sheet 'Leads' (1 of 2)", first.Description);
            Assert.Equal(["1"], first.ReadRows().Select(row => row.Cells[0]));
        }

        foreach (var wanted in new[] { "архив", "АРХИВ", "2" })
        {
            using var second = XlsxRowSource.Open(path, new XlsxInputOptions(), wanted);
            Assert.Equal("sheet 'Архив' (2 of 2)", second.Description);
            Assert.Equal(2, second.DataRowCount);
            Assert.Equal(["2", "3"], second.ReadRows().Select(row => row.Cells[0]));
        }
    }

    [Fact]
    public void Sheet_named_like_a_number_is_found_by_its_name_first()
    {
        var path = Save(new XlsxFile()
            .Sheet("2", Row(1, Text("A1", "first")))
            .Sheet("Other", Row(1, Text("A1", "second"))));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions(), "2");

        Assert.Equal(["first"], source.Header);
    }

    [Fact]
    public void Unknown_sheet_is_refused_listing_the_sheets_there_are()
    {
        var path = Save(new XlsxFile().Sheet("Leads", Row(1, Text("A1", "x"))).Sheet("Archive", Row(1, Text("A1", "x"))));

        Assert.Equal($"{path}: no sheet 'Lids'; the workbook has 2 sheets: 'Leads', 'Archive' (or give a number from 1 to 2)", Refusal(path, new(), "Lids"));
        Assert.Equal($"{path}: no sheet '3'; the workbook has 2 sheets: 'Leads', 'Archive' (or give a number from 1 to 2)", Refusal(path, new(), "3"));
    }

    [Fact]
    public void Empty_sheet_is_refused()
    {
        var path = Save(new XlsxFile().Sheet("Leads", Row(1, """<c r="A1" s="1"/>""") + Row(2, Text("B2", "  "))));

        Assert.Equal($"{path}: sheet 'Leads' is empty: the first row must be a header naming the columns", Refusal(path, new()));
    }

    [Fact]
    public void Rows_can_be_read_again_and_not_after_dispose()
    {
        var path = Save(new XlsxFile().Sheet("Leads", Row(1, Text("A1", "lead_id")) + Row(2, Number("A2", "1")) + Row(3, Number("A3", "2"))));

        var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        Assert.Equal(source.ReadRows().Select(row => row.Cells[0]), source.ReadRows().Select(row => row.Cells[0]));
        source.Dispose();
        Assert.Throws<ObjectDisposedException>(() => source.ReadRows());
    }

    [Fact]
    public void File_saved_again_after_open_is_refused_rather_than_read_with_stale_shared_strings()
    {
        var path = Save(new XlsxFile().SharedStrings("lead_id").Sheet("Leads", Row(1, Shared("A1", 0)) + Row(2, Number("A2", "1"))));
        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        File.Delete(path);
        Save(new XlsxFile().SharedStrings("x", "lead_id").Sheet("Leads", Row(1, Shared("A1", 1)) + Row(2, Number("A2", "2"))), "leads.xlsx");

        var error = Assert.Throws<UsageException>(() => source.ReadRows().ToList());
        Assert.Equal($"{path}: the file was saved again after it was checked; run again", error.Message);
    }

    [Fact]
    public void Cancellation_stops_the_rows()
    {
        var path = Save(new XlsxFile().Sheet("Leads", Row(1, Text("A1", "lead_id")) + Row(2, Number("A2", "1"))));
        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        Assert.Throws<OperationCanceledException>(() => source.ReadRows(new CancellationToken(canceled: true)).ToList());
    }

    internal static string Row(int number, params string[] cells) =>
        cells.Length == 0 ? $"<row r=\"{number}\"/>" : $"<row r=\"{number}\">{string.Concat(cells)}</row>";

    internal static string Text(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(text)}</t></is></c>";

    internal static string Number(string reference, string value, int style = 0) =>
        style == 0 ? $"<c r=\"{reference}\"><v>{value}</v></c>" : $"<c r=\"{reference}\" s=\"{style}\"><v>{value}</v></c>";

    internal static string Shared(string reference, int index) => $"<c r=\"{reference}\" t=\"s\"><v>{index}</v></c>";

    private string Save(XlsxFile file, string name = "leads.xlsx") => file.Save(System.IO.Path.Combine(_folder.Path, name));

    private static string Refusal(string path, XlsxInputOptions options, string? sheet = null) =>
        Assert.Throws<UsageException>(() => XlsxRowSource.Open(path, options, sheet)).Message;
}
