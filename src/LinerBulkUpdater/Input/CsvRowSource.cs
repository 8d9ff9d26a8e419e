using System.Text;
using CsvHelper;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Input;

/// <summary>
/// A CSV input file, checked whole before its first row is handed out: encoding and separator detected,
/// no quote left open, data rows counted. <see cref="ReadRows"/> then streams it in constant memory.
/// </summary>
internal sealed class CsvRowSource : IRowSource
{
    private readonly long _headerRecord;
    private bool _disposed;

    private CsvRowSource(string path, IReadOnlyList<string> header, Encoding encoding, char delimiter, CsvStructure structure)
    {
        Path = path;
        Header = header;
        Encoding = encoding;
        Delimiter = delimiter;
        DataRowCount = structure.DataRowCount;
        CutOffLine = structure.CutOffLine;
        _headerRecord = structure.HeaderRecord;
    }

    /// <summary>The path as the user gave it, for messages.</summary>
    public string Path { get; }

    /// <summary>The header cells, trimmed.</summary>
    public IReadOnlyList<string> Header { get; }

    public Encoding Encoding { get; }

    public char Delimiter { get; }

    public string Description => $"{Encoding.WebName}, delimiter {(Delimiter == '\t' ? "tab" : $"'{Delimiter}'")}";

    /// <summary>Non-blank rows after the header: how many <see cref="ReadRows"/> yields.</summary>
    public int DataRowCount { get; }

    /// <summary>
    /// With <see cref="CsvInputOptions.TolerateTruncatedEnd"/>: the line where a last record that no line break
    /// ends starts, which is left out; 0 when there is none.
    /// </summary>
    public long CutOffLine { get; }

    /// <summary>
    /// Checks <paramref name="path"/> in one streaming pass (two when it turns out not to be UTF-8) and reads its header.
    /// Throws <see cref="UsageException"/> when the file cannot be used: missing, empty, or with a quote that never closes
    /// (unless <see cref="CsvInputOptions.TolerateTruncatedEnd"/> drops the record it opened).
    /// </summary>
    public static CsvRowSource Open(string path, CsvInputOptions options)
    {
        var fallback = options.FallbackEncoding;
        var byteOrderMark = InputFile.ReadByteOrderMark(path);

        // Only ASCII matters for finding the separator, and Latin-1 maps every byte to a character,
        // so the header can be looked at before we know whether the file is UTF-8.
        char delimiter;
        using (var text = InputFile.OpenText(path, byteOrderMark ?? Encoding.Latin1))
        {
            delimiter = DelimiterDetector.Detect(text);
        }

        var (encoding, structure) = Scan(path, byteOrderMark, fallback, delimiter, options.TolerateTruncatedEnd);
        if (structure.UnclosedQuoteLine > 0)
        {
            throw new UsageException(
                $"{path}: line {structure.UnclosedQuoteLine}: a quote opened here is never closed (the rest of the file would be folded into one cell)");
        }

        if (structure.HeaderRecord == 0)
        {
            throw new UsageException($"{path}: the file is empty: the first row must be a header naming the columns");
        }

        var header = ReadHeader(path, encoding, delimiter, structure.HeaderRecord);
        return new CsvRowSource(path, header, encoding, delimiter, structure);
    }

    /// <summary>
    /// The non-blank data rows, in file order. Each enumeration reads the file afresh; cells are not trimmed.
    /// </summary>
    public IEnumerable<RawRow> ReadRows(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Enumerate(cancellationToken);
    }

    /// <summary>
    /// Nothing stays open between calls: each enumeration of <see cref="ReadRows"/> owns its file handle and
    /// closes it when the enumeration is disposed. This only stops further reads.
    /// </summary>
    public void Dispose() => _disposed = true;

    private IEnumerable<RawRow> Enumerate(CancellationToken cancellationToken)
    {
        using var reader = OpenCsv(Path, Encoding, Delimiter);
        var yielded = 0;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = reader.RowNumber;
            if (record <= _headerRecord)
            {
                continue;
            }

            var cells = reader.Current.ToArray();
            if (IsBlank(cells))
            {
                continue;
            }

            // CsvHelper hands out the cut-off record like any other; the pre-scan counted only the rows before it.
            if (CutOffLine > 0 && yielded == DataRowCount)
            {
                yield break;
            }

            yielded++;
            yield return new RawRow(checked((int)(record - _headerRecord)), reader.LineNumber, cells);
        }
    }

    private static (Encoding Encoding, CsvStructure Structure) Scan(string path, Encoding? byteOrderMark, Encoding fallback, char delimiter, bool dropUnendedRecord)
    {
        if (byteOrderMark is not null)
        {
            return (byteOrderMark, ScanAs(path, byteOrderMark, delimiter, dropUnendedRecord));
        }

        try
        {
            return (CsvEncodings.Utf8, ScanAs(path, CsvEncodings.StrictUtf8, delimiter, dropUnendedRecord));
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8 somewhere in the file: it is in the legacy code page, so count again in that.
            return (fallback, ScanAs(path, fallback, delimiter, dropUnendedRecord));
        }
    }

    private static CsvStructure ScanAs(string path, Encoding encoding, char delimiter, bool dropUnendedRecord)
    {
        var scanner = new CsvPreScanner(delimiter);
        var buffer = new char[InputFile.BufferSize];
        using var text = InputFile.OpenText(path, encoding);
        int read;
        while ((read = text.Read(buffer)) > 0)
        {
            scanner.Feed(buffer.AsSpan(0, read));
        }

        return scanner.Complete(dropUnendedRecord);
    }

    private static string[] ReadHeader(string path, Encoding encoding, char delimiter, long headerRecord)
    {
        using var reader = OpenCsv(path, encoding, delimiter);
        do
        {
            if (!reader.Read())
            {
                throw new UsageException($"{path}: the file changed while it was being read; try again");
            }
        }
        while (reader.RowNumber < headerRecord);

        var cells = reader.Current.ToArray();
        for (var i = 0; i < cells.Length; i++)
        {
            // CsvHelper drops a UTF-8 byte order mark itself; this keeps one from ever reaching a column name.
            cells[i] = cells[i].Trim().TrimStart('\uFEFF');
        }

        return cells;
    }

    private static CsvReader OpenCsv(string path, Encoding encoding, char delimiter)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = delimiter,
            Encoding = encoding,
            // The header is read as a record so that blank lines before it and the row numbers after it
            // are counted the same way the pre-scan counts them.
            HasHeader = false,
            // Blank lines must come through: they are rows of the spreadsheet and count toward SourceRow.
            SkipEmptyLines = false,
            // The caller trims; a cell's text is passed on as it is.
            TrimWhitespace = false,
            TrackLineNumbers = true,
            // A stray quote inside an unquoted field stays text; a quote that never closes was refused in Open.
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        return CsvReader.Create(InputFile.OpenRead(path), options, leaveOpen: false);
    }

    private static bool IsBlank(string[] cells)
    {
        foreach (var cell in cells)
        {
            if (!string.IsNullOrWhiteSpace(cell))
            {
                return false;
            }
        }

        return true;
    }
}
