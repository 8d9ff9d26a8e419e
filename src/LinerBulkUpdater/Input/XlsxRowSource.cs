using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Input;

/// <summary>
/// An .xlsx input file, checked whole before its first row is handed out: a zip of sane size, the sheet found, a
/// header, no damage in the sheet, data rows counted. <see cref="ReadRows"/> then streams the sheet as plain XML
/// (<see cref="XlsxSheetReader"/>); only the shared strings are held in memory. (ClosedXML loads the whole workbook: 2 GB and 8 s
/// for 300,000 rows.)
/// </summary>
internal sealed class XlsxRowSource : IRowSource
{
    private readonly XlsxInputOptions _options;
    private readonly string _relationshipId;
    private readonly string _where;
    private readonly int _headerRow;
    private readonly XlsxCellDecoder _decoder;
    private readonly XlsxFileStamp _stamp;
    private bool _disposed;

    private XlsxRowSource(
        string path, XlsxInputOptions options, XlsxSheetEntry sheet, string description, XlsxCellDecoder decoder,
        XlsxFileStamp stamp, int headerRow, IReadOnlyList<string> header, int dataRowCount)
    {
        Path = path;
        SheetName = sheet.Name;
        Description = description;
        Header = header;
        DataRowCount = dataRowCount;
        _options = options;
        _relationshipId = sheet.RelationshipId;
        _where = Where(path, sheet.Name);
        _decoder = decoder;
        _stamp = stamp;
        _headerRow = headerRow;
    }

    /// <summary>The path as the user gave it, for messages.</summary>
    public string Path { get; }

    /// <summary>The header: the trimmed texts of the sheet's first row that is not blank.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Non-blank rows after the header: how many <see cref="ReadRows"/> yields.</summary>
    public int DataRowCount { get; }

    /// <summary>None: a workbook is saved whole, never written row by row.</summary>
    public long CutOffLine => 0;

    /// <summary>The sheet read, and its place among the workbook's: <c>sheet 'Leads' (1 of 2)</c>.</summary>
    public string Description { get; }

    public string SheetName { get; }

    /// <summary>
    /// Opens <paramref name="path"/>, picks the sheet <paramref name="sheetName"/> names, loads the shared
    /// strings, and reads the sheet through once to find its header and count its rows.
    /// </summary>
    /// <exception cref="UsageException">
    /// The file cannot be used: missing, not an .xlsx, encrypted, over a limit, damaged, no such sheet, or an empty sheet.
    /// </exception>
    /// <param name="sheetName">The sheet's name (any case) or 1-based position as text (<c>"2"</c>); null for the first in workbook order.</param>
    public static XlsxRowSource Open(string path, XlsxInputOptions options, string? sheetName = null)
    {
        using var package = XlsxPackage.Open(path, options.MaxUncompressedBytes);
        var max = options.MaxUncompressedBytes;
        var workbookPart = package.Workbook;
        var workbook = XlsxXml.Read(path, workbookPart, max, () => XlsxWorkbook.Read(workbookPart, max));
        var index = workbook.Choose(path, sheetName);
        var sheet = workbook.Sheets[index];
        var where = Where(path, sheet.Name);
        var part = FindWorksheet(path, package, sheet);
        var stringsPart = workbookPart.SharedStringTablePart;
        var stylesPart = workbookPart.WorkbookStylesPart;
        var decoder = new XlsxCellDecoder(
            XlsxXml.Read(path, stringsPart, max, () => XlsxSharedStrings.Load(path, stringsPart, options)),
            XlsxXml.Read(path, stylesPart, max, () => XlsxDateStyles.Read(stylesPart, max)),
            workbook.Date1904);

        var (headerRow, header, dataRowCount) = XlsxXml.Read(path, part, max, () => Survey(part, decoder, where, options));
        var description = $"sheet '{sheet.Name}' ({index + 1} of {workbook.Sheets.Count})";
        return new XlsxRowSource(path, options, sheet, description, decoder, package.Stamp, headerRow, header, dataRowCount);
    }

    /// <summary>
    /// The non-blank data rows, in sheet order. Each enumeration opens the file afresh and refuses it if it was saved
    /// again since <see cref="Open"/>: the shared strings held from then would no longer match it.
    /// </summary>
    public IEnumerable<RawRow> ReadRows(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Enumerate(cancellationToken);
    }

    /// <summary>
    /// Nothing stays open between calls: each enumeration of <see cref="ReadRows"/> owns its file handle and closes it
    /// when the enumeration is disposed. This only stops further reads.
    /// </summary>
    public void Dispose() => _disposed = true;

    private IEnumerable<RawRow> Enumerate(CancellationToken cancellationToken)
    {
        using var package = XlsxPackage.Open(Path, _options.MaxUncompressedBytes);
        if (package.Stamp != _stamp)
        {
            throw new UsageException($"{Path}: the file was saved again after it was checked; run again");
        }

        using var sheet = OpenSheet(package);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ReadRow(sheet))
            {
                yield break;
            }

            if (sheet.RowNumber <= _headerRow || _decoder.DecodeRow(sheet.Cells, out var kinds) is not { } cells)
            {
                continue;
            }

            yield return new RawRow(sheet.RowNumber - _headerRow, sheet.RowNumber, cells, kinds, FromWorkbook: true);
        }
    }

    private XlsxSheetReader OpenSheet(XlsxPackage package)
    {
        var part = FindWorksheet(Path, package, new XlsxSheetEntry(SheetName, _relationshipId));
        return XlsxXml.Read(Path, part, _options.MaxUncompressedBytes, () => new XlsxSheetReader(part, _where, _options.MaxUncompressedBytes));
    }

    // Apart so that the iterator can yield outside a try with a catch, which C# does not allow.
    private bool ReadRow(XlsxSheetReader sheet)
    {
        try
        {
            return sheet.ReadRow();
        }
        catch (Exception e) when (XlsxXml.IsDamage(e))
        {
            throw XlsxXml.Damaged(Path, e, _options.MaxUncompressedBytes, sheet.Part);
        }
    }

    /// <summary>
    /// The one pass over the sheet before any row is handed out: the header, the data row count, the cell limit,
    /// and any damage (a bad shared-string index, rows out of order) found now rather than halfway through a run.
    /// </summary>
    private static (int HeaderRow, string[] Header, int DataRowCount) Survey(WorksheetPart part, XlsxCellDecoder decoder, string where, XlsxInputOptions options)
    {
        using var sheet = new XlsxSheetReader(part, where, options.MaxUncompressedBytes);
        var maxCells = options.MaxCells;
        long cells = 0;
        var headerRow = 0;
        string[]? header = null;
        var dataRowCount = 0;
        while (sheet.ReadRow())
        {
            cells += sheet.CellCount;
            if (cells > maxCells)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"{where} has more than {maxCells:N0} cells; raise Input:Xlsx:MaxCells if it is genuine"));
            }

            var blank = true;
            foreach (ref readonly var cell in sheet.Cells)
            {
                // Every cell, not just up to the first with a value: each is checked for damage.
                blank &= decoder.IsBlank(cell, sheet.RowNumber, where);
            }

            if (blank)
            {
                continue;
            }

            if (header is null)
            {
                header = ReadHeader(decoder, sheet.Cells);
                headerRow = sheet.RowNumber;
            }
            else
            {
                dataRowCount++;
            }
        }

        if (header is null)
        {
            throw new UsageException($"{where} is empty: the first row must be a header naming the columns");
        }

        return (headerRow, header, dataRowCount);
    }

    private static string[] ReadHeader(XlsxCellDecoder decoder, ReadOnlySpan<XlsxRawCell> cells)
    {
        var texts = decoder.DecodeRow(cells, out _) ?? [];
        var names = texts.Select(text => text.Trim()).ToArray();
        var width = names.Length;
        while (width > 0 && names[width - 1].Length == 0)
        {
            width--;
        }

        return names[..width];
    }

    private static WorksheetPart FindWorksheet(string path, XlsxPackage package, XlsxSheetEntry sheet)
    {
        if (!package.Workbook.TryGetPartById(sheet.RelationshipId, out var part))
        {
            throw new UsageException($"{Where(path, sheet.Name)}: the workbook is damaged (the sheet's part is missing); open it in Excel and save it again");
        }

        return part as WorksheetPart
            ?? throw new UsageException($"{Where(path, sheet.Name)} is a chart or dialog sheet, not a sheet of cells; choose another with --sheet");
    }

    private static string Where(string path, string sheetName) => $"{path}: sheet '{sheetName}'";
}
