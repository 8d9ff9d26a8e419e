using LinerBulkUpdater.Input;
using static LinerBulkUpdater.Tests.Input.XlsxRowSourceTests;

namespace LinerBulkUpdater.Tests.Input;

/// <summary>
/// The ways of writing the same workbook XML that the Open XML SDK's reader took, which the plain XML reader takes alike
/// (the values are those SDK 2.20 read from these files).
/// </summary>
public sealed class XlsxMarkupTests : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Strict_open_xml_workbooks_read_like_transitional_ones()
    {
        XlsxFile Workbook() => new XlsxFile()
            .SharedStrings("client_name", "<r><t>An</t></r><r><t>n</t></r>")
            .Styles([0, 14])
            .Date1904()
            .Sheet("Other", Row(1, Text("A1", "x")))
            .Sheet("Leads",
                Row(1, Text("A1", "lead_id"), Shared("B1", 0), Text("C1", "date")) +
                Row(2, Number("A2", "7"), Shared("B2", 1), Number("C2", "1", style: 1)));

        using var transitional = XlsxRowSource.Open(Save(Workbook(), "transitional.xlsx"), new XlsxInputOptions(), "Leads");
        using var strict = XlsxRowSource.Open(Save(Workbook().Strict(), "strict.xlsx"), new XlsxInputOptions(), "Leads");

        Assert.Equal(["lead_id", "client_name", "date"], strict.Header);
        var row = Assert.Single(strict.ReadRows());
        Assert.Equal(["7", "Ann", "1904-01-02T00:00:00"], row.Cells);
        Assert.Equal(transitional.ReadRows().Single().Cells, row.Cells);
    }

    [Fact]
    public void Text_of_white_space_alone_is_kept_as_written_even_without_xml_space_preserve()
    {
        var path = Save(new XlsxFile()
            .SharedStrings("lead_id", "<t>  </t>")
            .Sheet("Leads",
                Row(1, Shared("A1", 0), Text("B1", "a"), Text("C1", "b")) +
                Row(2, Number("A2", "1"), """<c r="B2" t="inlineStr"><is><t>   </t></is></c>""", Shared("C2", 1)) +
                Row(3, Number("A3", "2"), """<c r="B3" t="str"><v>&#x20;</v></c>""")));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        Assert.Equal([["1", "   ", "  "], ["2", " "]], source.ReadRows().Select(row => row.Cells));
    }

    [Fact]
    public void Indented_xml_with_comments_reads_like_compact_xml()
    {
        var path = Save(new XlsxFile()
            .SharedStrings("lead_id", "<r>\n    <t>Bo</t>\n  </r>\n  <r><t xml:space=\"preserve\">b </t></r>\n  <rPh sb=\"0\" eb=\"1\"><t>ボ</t></rPh>\n")
            .Sheet("Leads", """

                  <!-- exported -->
                  <row r="1">
                    <c r="A1" t="s">
                      <v>0</v>
                    </c>
                    <c r="B1" t="inlineStr"><is><t>name</t></is></c>
                  </row>
                  <?app note?>
                  <row r="2">
                    <c r="A2">
                      <v>5</v>
                    </c>
                    <c r="B2" t="s"><v>1</v></c>
                    <c r="C2" t="inlineStr">
                      <is>
                        <t>past the header</t>
                      </is>
                    </c>
                  </row>

                """));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        Assert.Equal(["lead_id", "name"], source.Header);
        Assert.Equal(["5", "Bob ", "past the header"], Assert.Single(source.ReadRows()).Cells);
    }

    [Fact]
    public void Prefixed_elements_read_as_plain_ones_and_namespace_declarations_are_not_attributes()
    {
        var path = Save(new XlsxFile().Sheet("Leads",
            Row(1, Text("A1", "lead_id"), Text("B1", "name")) +
            $"""<x:row xmlns:x="{Main}" r="2"><x:c r="A2"><x:v>3</x:v></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>Ann</x:t></x:is></x:c></x:row>""" +
            // xmlns:r and xmlns:t declare prefixes: neither is the cell's r or t.
            """<row r="3"><c xmlns:r="urn:r" r="A3"><v>4</v></c><c xmlns:t="urn:t" t="inlineStr"><is><t>Bob</t></is></c></row>"""));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        Assert.Equal([["3", "Ann"], ["4", "Bob"]], source.ReadRows().Select(row => row.Cells));
    }

    [Fact]
    public void Elements_of_other_namespaces_and_their_insides_are_not_data()
    {
        var path = Save(new XlsxFile().Sheet("Leads",
            Row(1, Text("A1", "lead_id"), Text("B1", "name")) +
            $"""<ext xmlns="urn:vendor"><row xmlns="{Main}" r="2"><c r="A2"><v>8</v></c></row></ext>""" +
            """<row r="3"><c r="A3"><v>9</v></c><c r="B3" t="inlineStr"><note xmlns="urn:vendor"><t>hidden</t></note><is><t>shown</t></is></c></row>"""));

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        Assert.Equal(["9", "shown"], Assert.Single(source.ReadRows()).Cells);
    }

    private string Save(XlsxFile file, string name = "leads.xlsx") => file.Save(Path.Combine(_folder.Path, name));
}
