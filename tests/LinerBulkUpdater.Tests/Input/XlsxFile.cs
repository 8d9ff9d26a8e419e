using System.IO.Compression;
using System.Security;
using System.Text;

namespace LinerBulkUpdater.Tests.Input;

/// <summary>
/// Writes an .xlsx from hand-written part XML, for what spreadsheet libraries will not write on request: inline strings,
/// cached formula values, error cells, t="d", the 1904 date system, damage.
/// </summary>
internal sealed class XlsxFile
{
    private const string Transitional = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    private readonly List<(string Name, string SheetData)> _sheets = [];
    private string[]? _sharedStrings;
    private string? _styles;
    private bool _date1904;
    private string _main = Transitional;

    /// <summary>A sheet: its name and the inside of its <c>&lt;sheetData&gt;</c>.</summary>
    public XlsxFile Sheet(string name, string sheetData)
    {
        _sheets.Add((name, sheetData));
        return this;
    }

    /// <summary>The inside of each <c>&lt;si&gt;</c>; a plain string is wrapped in <c>&lt;t&gt;</c>.</summary>
    public XlsxFile SharedStrings(params string[] items)
    {
        _sharedStrings = [.. items.Select(item => item.StartsWith('<') ? item : $"<t xml:space=\"preserve\">{SecurityElement.Escape(item)}</t>")];
        return this;
    }

    /// <summary>Cell styles, in <c>cellXfs</c> order, as number format ids; <paramref name="customFormats"/> adds numFmts.</summary>
    public XlsxFile Styles(int[] numberFormatIds, params (int Id, string Code)[] customFormats)
    {
        var formats = customFormats.Length == 0 ? "" :
            $"<numFmts count=\"{customFormats.Length}\">{string.Concat(customFormats.Select(f => $"<numFmt numFmtId=\"{f.Id}\" formatCode=\"{SecurityElement.Escape(f.Code)}\"/>"))}</numFmts>";
        // A <cellStyleXfs> with a date format first: its <xf>s must not be taken for the cells' styles.
        _styles = $"{formats}<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>" +
            $"<cellXfs count=\"{numberFormatIds.Length}\">{string.Concat(numberFormatIds.Select(id => $"<xf numFmtId=\"{id}\" xfId=\"0\" applyNumberFormat=\"1\"/>"))}</cellXfs>";
        return this;
    }

    /// <summary>Every part in the spreadsheet namespace of Strict Open XML (ISO 29500 strict), as Excel's "Strict" save writes it.</summary>
    public XlsxFile Strict()
    {
        _main = "http://purl.oclc.org/ooxml/spreadsheetml/main";
        return this;
    }

    public XlsxFile Date1904()
    {
        _date1904 = true;
        return this;
    }

    public string Save(string path)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var types = new StringBuilder($"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
            .Append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
            .Append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
            .Append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
        var workbookRelationships = new StringBuilder($"<Relationships xmlns=\"{PackageRelationships}\">");
        var sheets = new StringBuilder();
        for (var i = 1; i <= _sheets.Count; i++)
        {
            var (name, sheetData) = _sheets[i - 1];
            types.Append($"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
            workbookRelationships.Append($"<Relationship Id=\"rId{i}\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>");
            sheets.Append($"<sheet name=\"{SecurityElement.Escape(name)}\" sheetId=\"{i}\" r:id=\"rId{i}\"/>");
            Write(zip, $"xl/worksheets/sheet{i}.xml", $"<worksheet xmlns=\"{_main}\" xmlns:r=\"{Relationships}\"><dimension ref=\"A1\"/><sheetData>{sheetData}</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>");
        }

        if (_sharedStrings is not null)
        {
            types.Append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
            workbookRelationships.Append($"<Relationship Id=\"rIdStrings\" Type=\"{Relationships}/sharedStrings\" Target=\"sharedStrings.xml\"/>");
            Write(zip, "xl/sharedStrings.xml", $"<sst xmlns=\"{_main}\" count=\"{_sharedStrings.Length}\" uniqueCount=\"{_sharedStrings.Length}\">{string.Concat(_sharedStrings.Select(s => $"<si>{s}</si>"))}</sst>");
        }

        if (_styles is not null)
        {
            types.Append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
            workbookRelationships.Append($"<Relationship Id=\"rIdStyles\" Type=\"{Relationships}/styles\" Target=\"styles.xml\"/>");
            Write(zip, "xl/styles.xml", $"<styleSheet xmlns=\"{_main}\">{_styles}</styleSheet>");
        }

        Write(zip, "[Content_Types].xml", types.Append("</Types>").ToString());
        Write(zip, "_rels/.rels", $"<Relationships xmlns=\"{PackageRelationships}\"><Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        Write(zip, "xl/_rels/workbook.xml.rels", workbookRelationships.Append("</Relationships>").ToString());
        Write(zip, "xl/workbook.xml",
            $"<workbook xmlns=\"{_main}\" xmlns:r=\"{Relationships}\">{(_date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>")}<sheets>{sheets}</sheets></workbook>");
        return path;
    }

    private static void Write(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml));
    }
}
