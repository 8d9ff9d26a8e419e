using System.IO.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Reporting;

/// <summary>Builds the .xlsx report from its CSV sidecar: one pass over the sidecar, constant memory.</summary>
internal static class XlsxReportFile
{
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    private const string Folder = "/xl/";
    private const string ContentTypes = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    /// <param name="inputInert">The sidecar's input cells were written <see cref="SpreadsheetText.Inert"/> (the input was a workbook).</param>
    public static void Write(string sidecarPath, string xlsxPath, RunSummary summary, bool inputInert)
    {
        using var file = new FileStream(xlsxPath, FileMode.Create, FileAccess.Write, FileShare.None);

        // Write-only, a package streams each part into the zip as it is written. Read-write (the only way
        // the Open XML SDK 2.x's SpreadsheetDocument will take one) it keeps every part in memory until it
        // closes: a million-row sheet would be held whole. So the parts are laid out here, by hand, and
        // the SDK's SAX writer fills them.
        using var package = Package.Open(file, FileMode.Create, FileAccess.Write);

        // A zip being written takes its entries one at a time, each written whole and never reopened,
        // so each part is written in turn, and the workbook last, when the report's size is known.
        var styles = AddPart(package, "styles.xml", "styles+xml");
        using (var stream = styles.GetStream(FileMode.Create, FileAccess.Write))
        {
            XlsxStyles.Write(stream);
        }

        var reportSheet = AddPart(package, "worksheets/sheet1.xml", "worksheet+xml");
        int columns, rows;
        using (var stream = reportSheet.GetStream(FileMode.Create, FileAccess.Write))
        {
            (columns, rows) = XlsxReportSheet.Write(sidecarPath, stream, inputInert);
        }

        var summarySheet = AddPart(package, "worksheets/sheet2.xml", "worksheet+xml");
        using (var stream = summarySheet.GetStream(FileMode.Create, FileAccess.Write))
        {
            XlsxSummarySheet.Write(summary, stream);
        }

        var workbook = AddPart(package, "workbook.xml", "sheet.main+xml");
        package.CreateRelationship(workbook.Uri, TargetMode.Internal, Relationships + "officeDocument", "rId1");
        workbook.CreateRelationship(Relative(reportSheet), TargetMode.Internal, Relationships + "worksheet", "rId1");
        workbook.CreateRelationship(Relative(summarySheet), TargetMode.Internal, Relationships + "worksheet", "rId2");
        workbook.CreateRelationship(Relative(styles), TargetMode.Internal, Relationships + "styles", "rId3");
        using (var stream = workbook.GetStream(FileMode.Create, FileAccess.Write))
        using (var writer = OpenXmlWriter.Create(stream))
        {
            writer.WriteStartDocument();
            writer.WriteElement(Workbook("rId1", "rId2", columns, rows));
        }
    }

    private static PackagePart AddPart(Package package, string name, string contentType) =>
        package.CreatePart(new Uri(Folder + name, UriKind.Relative), ContentTypes + contentType, CompressionOption.Normal);

    /// <summary>The workbook names its parts from its own folder, as Excel does.</summary>
    private static Uri Relative(PackagePart part) => new(part.Uri.OriginalString[Folder.Length..], UriKind.Relative);

    private static Workbook Workbook(string reportId, string summaryId, int columns, int rows)
    {
        var lastColumn = XlsxValues.ColumnName(Math.Max(columns, 1) - 1);
        return new Workbook(
            new BookViews(new WorkbookView { ActiveTab = 0 }),
            new Sheets(
                new Sheet { Name = XlsxReportSheet.Name, SheetId = 1, Id = reportId },
                new Sheet { Name = XlsxSummarySheet.Name, SheetId = 2, Id = summaryId }),
            // Excel records an autofilter's range in this hidden name as well as on the sheet; written the
            // same way, the filter reads to Excel as one of its own.
            new DefinedNames(new DefinedName($"{XlsxReportSheet.Name}!$A$1:${lastColumn}${rows + 1}")
            {
                Name = "_xlnm._FilterDatabase",
                LocalSheetId = 0,
                Hidden = true,
            }));
    }
}
