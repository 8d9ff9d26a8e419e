using ClosedXML.Excel;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Tests.Input;

/// <summary>A workbook written by a real spreadsheet library rather than by hand: shared strings, styles, dates as it writes them.</summary>
public sealed class XlsxFromClosedXmlTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Workbook_saved_by_closedxml_reads_as_the_user_sees_it()
    {
        var path = Path.Combine(_folder.Path, "leads.xlsx");
        using (var workbook = new XLWorkbook())
        {
            var leads = workbook.Worksheets.Add("Leads");
            Fill(leads, 1, "lead_id", "client_phone", "call_timestamp", "client_name", "priority");
            Fill(leads, 2, 12345, 79001112233, new DateTime(2026, 12, 1, 10, 30, 0), "Иванов Пётр", true);
            Fill(leads, 4, 2.0, 2.5, new DateTime(2026, 12, 1), " Bob ", false);
            leads.Cell("B5").Value = "#clear";
            var archive = workbook.Worksheets.Add("Archive");
            Fill(archive, 1, "something else");
            workbook.SaveAs(path);
        }

        using var source = XlsxRowSource.Open(path, new XlsxInputOptions());

        Assert.Equal("sheet 'Leads' (1 of 2)", source.Description);
        Assert.Equal(["lead_id", "client_phone", "call_timestamp", "client_name", "priority"], source.Header);
        Assert.Equal(3, source.DataRowCount);
        var rows = source.ReadRows().ToList();
        Assert.Equal([1, 3, 4], rows.Select(row => row.SourceRow));
        Assert.Equal(["12345", "79001112233", "2026-12-01T10:30:00", "Иванов Пётр", "TRUE"], rows[0].Cells);
        Assert.Equal([CellKind.Number, CellKind.Number, CellKind.Date, CellKind.Text, CellKind.Boolean], rows[0].Kinds);
        Assert.Equal(["2", "2.5", "2026-12-01T00:00:00", " Bob ", "FALSE"], rows[1].Cells);
        Assert.Equal([CellKind.Number, CellKind.Number, CellKind.Date, CellKind.Text, CellKind.Boolean], rows[1].Kinds);
        Assert.Equal(["", "#clear"], rows[2].Cells);
        Assert.Null(rows[2].Kinds);
    }

    private static void Fill(IXLWorksheet sheet, int row, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            sheet.Cell(row, i + 1).Value = values[i];
        }
    }
}
