using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using LinerBulkUpdater.Input;
using static LinerBulkUpdater.Tests.Input.XlsxRowSourceTests;

namespace LinerBulkUpdater.Tests.Input;

/// <summary>Files that must stop the run before anything is sent, each with one line that says why.</summary>
public sealed class XlsxRefusalTests : IDisposable
{
    private static readonly string Leads = Row(1, Text("A1", "lead_id"), Text("B1", "client_name")) + Row(2, Number("A2", "1"), Text("B2", "Bob"));
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Missing_file_is_refused_with_the_path_as_given()
    {
        Assert.Equal("cannot read 'no/such/leads.xlsx': file not found", Refusal("no/such/leads.xlsx"));
    }

    [Fact]
    public void Text_file_renamed_to_xlsx_is_refused()
    {
        var path = _folder.Write("leads.xlsx", "lead_id;client_name\n1;Bob\n", Encoding.UTF8);

        Assert.Equal($"{path}: not an .xlsx workbook (it is not a zip package); save it from Excel as .xlsx, or as .csv", Refusal(path));
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        var path = _folder.Write("leads.xlsx", []);

        Assert.Equal($"{path}: the file is empty, not an .xlsx workbook", Refusal(path));
    }

    [Fact]
    public void Zip_with_a_broken_directory_is_refused()
    {
        var path = _folder.Write("leads.xlsx", [.. "PK\u0003\u0004"u8, .. new byte[200]]);

        Assert.Equal($"{path}: not an .xlsx workbook (its zip structure is damaged); save it from Excel as .xlsx, or as .csv", Refusal(path));
    }

    [Fact]
    public void Zip_that_holds_no_workbook_is_refused()
    {
        var path = Path.Combine(_folder.Path, "leads.xlsx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var stream = zip.CreateEntry("readme.txt").Open();
            stream.Write("not a workbook"u8);
        }

        Assert.Equal($"{path}: not an .xlsx workbook (the zip holds no Excel workbook); save it from Excel as .xlsx, or as .csv", Refusal(path));
    }

    [Fact]
    public void Password_protected_workbook_is_refused_as_such()
    {
        var path = _folder.Write("leads.xlsx", OleFile.WithStreams("EncryptionInfo", "EncryptedPackage", "\u0006DataSpaces"));

        Assert.Equal($"{path}: the workbook is encrypted with a password; save a copy without the password and use that", Refusal(path));
    }

    [Fact]
    public void Old_xls_renamed_to_xlsx_is_refused_as_such()
    {
        var path = _folder.Write("leads.xlsx", OleFile.WithStreams("Workbook", "\u0005SummaryInformation"));

        Assert.Equal($"{path}: this is an Excel 97-2003 (.xls) or other old Office file, not .xlsx; open it in Excel and save it as .xlsx", Refusal(path));
    }

    [Fact]
    public void Workbook_that_unpacks_past_the_limit_is_refused_before_the_sdk_opens_it()
    {
        var path = Save(new XlsxFile().Sheet("Leads", Leads));

        Assert.Equal(
            $"{path}: the workbook unpacks to more than 1 KB; raise Input:Xlsx:MaxUncompressedBytes if it is genuine",
            Refusal(path, new XlsxInputOptions { MaxUncompressedBytes = 1024 }));
        Assert.Equal(
            $"{path}: the workbook unpacks to more than 1,000 bytes; raise Input:Xlsx:MaxUncompressedBytes if it is genuine",
            Refusal(path, new XlsxInputOptions { MaxUncompressedBytes = 1000 }));
    }

    [Fact]
    public void Default_limit_reads_as_two_gigabytes()
    {
        Assert.Equal("2 GB", XlsxFileCheck.Size(new XlsxInputOptions().MaxUncompressedBytes));
    }

    [Fact]
    public void Zip_entry_that_holds_more_than_it_declares_is_read_no_further_than_declared()
    {
        // A lying zip directory: the sheet says 120 bytes and holds far more. .NET inflates no more than declared, so
        // the sheet's XML ends early and the workbook is refused as damaged instead of unpacking without bound.
        var path = Save(new XlsxFile().Sheet("Leads", Leads + string.Concat(Enumerable.Range(3, 2000).Select(r => Row(r, Number($"A{r}", "1"))))));
        DeclareUncompressedSize(path, "xl/worksheets/sheet1.xml", 120);

        var message = Refusal(path);

        Assert.StartsWith($"{path}: the workbook is damaged (xl/worksheets/sheet1.xml: ", message);
        Assert.EndsWith("); open it in Excel and save it again", message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void Too_many_shared_strings_are_refused_while_reading_the_table()
    {
        var path = Save(new XlsxFile().SharedStrings("a", "b", "c").Sheet("Leads", Leads));

        Assert.Equal(
            $"{path}: the workbook's shared-strings table has more than 2 entries; raise Input:Xlsx:MaxSharedStrings if it is genuine",
            Refusal(path, new XlsxInputOptions { MaxSharedStrings = 2 }));
    }

    [Fact]
    public void Shared_strings_with_too_many_characters_are_refused_while_reading_the_table()
    {
        var path = Save(new XlsxFile().SharedStrings("lead_id", new string('x', 5000)).Sheet("Leads", Leads));

        Assert.Equal(
            $"{path}: the workbook's shared-strings table holds more than 1,000 characters; raise Input:Xlsx:MaxSharedStringChars if it is genuine",
            Refusal(path, new XlsxInputOptions { MaxSharedStringChars = 1000 }));
    }

    [Fact]
    public void Sheet_with_too_many_cells_is_refused_before_any_row_is_handed_out()
    {
        var path = Save(new XlsxFile().Sheet("Leads", Leads + Row(3, Number("A3", "2"), Text("B3", "Ann"))));

        Assert.Equal(
            $"{path}: sheet 'Leads' has more than 5 cells; raise Input:Xlsx:MaxCells if it is genuine",
            Refusal(path, new XlsxInputOptions { MaxCells = 5 }));
        using var source = XlsxRowSource.Open(path, new XlsxInputOptions { MaxCells = 6 });
        Assert.Equal(2, source.DataRowCount);
    }

    [Fact]
    public void Shared_string_index_past_the_table_is_damage_found_before_any_row_is_handed_out()
    {
        var path = Save(new XlsxFile().SharedStrings("lead_id").Sheet("Leads",
            Row(1, Shared("A1", 0)) + Row(2, Number("A2", "1")) + Row(3, Number("A3", "1"), Shared("B3", 7))));

        Assert.Equal(
            $"{path}: sheet 'Leads': the sheet is damaged (cell B3 refers to shared string '7', but the workbook has 1); open it in Excel and save it again",
            Refusal(path));
    }

    [Theory]
    [InlineData("<row r=\"3\"><c r=\"A3\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row>", "row 2 comes after row 3")]
    [InlineData("<row r=\"2\"><c r=\"B2\"><v>1</v></c><c r=\"A2\"><v>2</v></c></row>", "cell A2 comes after B2")]
    [InlineData("<row r=\"2\"><c r=\"B2\"><v>1</v></c><c r=\"B2\"><v>2</v></c></row>", "cell B2 comes after B2")]
    [InlineData("<row r=\"2\"><c r=\"2B\"><v>1</v></c></row>", "row 2 has a cell at '2B', which is not a cell reference")]
    [InlineData("<row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row>", "row 2 has a cell past column XFD")]
    [InlineData("<row r=\"1048577\"><c><v>1</v></c></row>", "row 1048577 is past the last row a sheet can have")]
    [InlineData("<row r=\"x\"><c><v>1</v></c></row>", "a row is numbered 'x'")]
    public void Rows_and_cells_out_of_order_or_off_the_sheet_are_damage(string rows, string what)
    {
        var path = Save(new XlsxFile().Sheet("Leads", Row(1, Text("A1", "lead_id")) + rows));

        Assert.Equal($"{path}: sheet 'Leads': the sheet is damaged ({what}); open it in Excel and save it again", Refusal(path));
    }

    [Fact]
    public void Malformed_sheet_xml_is_one_line_of_damage()
    {
        var path = Save(new XlsxFile().Sheet("Leads", Leads + "<row r=\"3\"><c r=\"A3\"><v>1</c></row>"));

        Assert.Equal(
            $"{path}: the workbook is damaged (xl/worksheets/sheet1.xml: The 'v' start tag on line 2 position 482 does not match the end tag of 'c'. Line 2, position 487); open it in Excel and save it again",
            Refusal(path));
    }

    private string Save(XlsxFile file) => file.Save(Path.Combine(_folder.Path, "leads.xlsx"));

    private static string Refusal(string path, XlsxInputOptions? options = null) =>
        Assert.Throws<UsageException>(() => XlsxRowSource.Open(path, options ?? new XlsxInputOptions())).Message;

    /// <summary>Rewrites an entry's uncompressed size in both the local header and the central directory.</summary>
    private static void DeclareUncompressedSize(string path, string entryName, uint size)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var at = 0; at + 46 < bytes.Length; at++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
            if (signature == 0x04034b50 && bytes.AsSpan(at + 30, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 22), size);
            }
            else if (signature == 0x02014b50 && bytes.AsSpan(at + 46, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 24), size);
            }
        }

        File.WriteAllBytes(path, bytes);
    }
}
