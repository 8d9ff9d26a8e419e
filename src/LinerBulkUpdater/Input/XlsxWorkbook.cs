using System.Globalization;
using DocumentFormat.OpenXml.Packaging;

namespace LinerBulkUpdater.Input;

/// <summary>What <c>workbook.xml</c> says that matters here: the sheets in tab order, and the date system.</summary>
internal sealed class XlsxWorkbook
{
    private XlsxWorkbook(IReadOnlyList<XlsxSheetEntry> sheets, bool date1904)
    {
        Sheets = sheets;
        Date1904 = date1904;
    }

    public IReadOnlyList<XlsxSheetEntry> Sheets { get; }

    /// <summary>Serial 0 is 1 January 1904 rather than 1900 (old Mac Excel, and a checkbox today).</summary>
    public bool Date1904 { get; }

    /// <param name="maxCharacters">The most characters the part may unpack to.</param>
    public static XlsxWorkbook Read(WorkbookPart part, long maxCharacters)
    {
        var sheets = new List<XlsxSheetEntry>();
        var date1904 = false;
        using var xml = XlsxXmlReader.Open(part, maxCharacters);
        if (xml.ReadToRoot("workbook"))
        {
            while (xml.NextChild(depth: 1))
            {
                if (xml.IsMain("workbookPr"))
                {
                    date1904 = xml.Attribute("date1904") is "1" or "true";
                }
                else if (xml.IsMain("sheets") && !xml.Reader.IsEmptyElement)
                {
                    while (xml.NextChild(depth: 2))
                    {
                        if (xml.IsMain("sheet"))
                        {
                            // r:id, in the relationships namespace (which strict files spell differently).
                            sheets.Add(new XlsxSheetEntry(xml.Attribute("name") ?? "", xml.Attribute("id") ?? ""));
                        }

                        xml.Reader.Skip();
                    }

                    // Past </sheets>.
                    xml.Reader.Read();
                    continue;
                }

                xml.Reader.Skip();
            }
        }

        return new XlsxWorkbook(sheets, date1904);
    }

    /// <summary>
    /// The 0-based position of the sheet <paramref name="wanted"/> names: null or blank for the first, else a name in
    /// any case, else a 1-based number. A name wins over a number, so a sheet called "2024" can be chosen by its name.
    /// </summary>
    public int Choose(string path, string? wanted)
    {
        if (Sheets.Count == 0)
        {
            throw new UsageException($"{path}: the workbook has no sheets");
        }

        if (string.IsNullOrWhiteSpace(wanted))
        {
            return 0;
        }

        for (var i = 0; i < Sheets.Count; i++)
        {
            if (string.Equals(Sheets[i].Name, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        if (int.TryParse(wanted.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= Sheets.Count)
        {
            return number - 1;
        }

        var names = string.Join(", ", Sheets.Select(sheet => $"'{sheet.Name}'"));
        throw new UsageException(Sheets.Count == 1
            ? $"{path}: no sheet '{wanted}'; the workbook has one sheet: {names} (or give its number, 1)"
            : $"{path}: no sheet '{wanted}'; the workbook has {Sheets.Count} sheets: {names} (or give a number from 1 to {Sheets.Count})");
    }
}
