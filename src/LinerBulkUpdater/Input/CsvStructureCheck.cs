using System.Text;
using CsvHelper;

namespace LinerBulkUpdater.Input;

/// <summary>
/// The check pass over a whole CSV file, before its first row is handed out. CsvHelper does the reading: it
/// detects the separator (honouring and skipping Excel's <c>sep=</c> line) and tells which records have quoting
/// it had to guess at. This counts the rows, takes the header, and refuses the two quoting mistakes that fold
/// rows into one cell: a quote that is never closed, and a quoted cell over several lines with text after its
/// closing quote (a stray quote in a name such as <c>O"Brien</c> closing a quote opened rows earlier).
/// </summary>
internal static class CsvStructureCheck
{
    /// <summary>
    /// The longest record read, in bytes. Far above any real row, and small enough that a quote left open near
    /// the start of a large file is refused before the rest of it is buffered.
    /// </summary>
    public const int MaxRecordSize = 16 * 1024 * 1024;

    /// <param name="encoding">What to decode the file as; a decoder that throws makes this throw, to answer "is it UTF-8?".</param>
    /// <param name="lastRecordOf">By the header: how the last record is told whole, and whether it may be left out as cut short.</param>
    /// <param name="endsInHalfACharacter">The file stops inside a UTF-8 character (read leniently): its last record was cut there.</param>
    /// <exception cref="UsageException">A quote is never closed, or a stray quote has folded rows into one cell.</exception>
    /// <exception cref="DecoderFallbackException">The file is not in <paramref name="encoding"/>.</exception>
    public static CsvStructure Run(string path, Encoding encoding, Func<IReadOnlyList<string>, LastRecord> lastRecordOf, bool endsInHalfACharacter = false)
    {
        // CsvHelper reports a malformed record just before Read returns it, so the flag belongs to that record.
        var malformed = false;
        var options = CsvRowSource.ReaderOptions(separator: null) with { OnMalformedRecord = _ => malformed = true, Encoding = encoding };
        // CsvHelper takes UTF-8 bytes as they are and decodes anything else leniently, so only a decoder of ours
        // can throw on the first invalid byte; without that question the bytes go to CsvHelper straight (faster).
        using var reader = encoding.DecoderFallback is DecoderExceptionFallback
            ? CsvReader.Create(InputFile.OpenText(path, encoding), options, leaveOpen: false)
            : CsvReader.Create(InputFile.OpenRead(path), options, leaveOpen: false);

        string[] header = [];
        long headerRecord = 0;
        var dataRows = 0;
        long lastLine = 0;
        var lastCounted = false;
        long openQuoteLine = 0;
        var lastRecord = LastRecord.AsInput;
        var wholeColumn = -1;
        var lastDataWhole = true;
        long lastDataLine = 0;
        try
        {
            while (reader.Read())
            {
                lastLine = reader.LineNumber;
                if (malformed)
                {
                    malformed = false;
                    openQuoteLine = CheckQuotedCells(path, reader);
                }

                lastCounted = !IsBlank(reader);
                if (!lastCounted)
                {
                    continue;
                }

                if (headerRecord == 0)
                {
                    headerRecord = reader.RowNumber;
                    header = ReadHeader(reader);
                    lastRecord = lastRecordOf(header);
                    wholeColumn = lastRecord.WholeWhenFilled is { } column ? Array.FindIndex(header, cell => string.Equals(cell, column, StringComparison.OrdinalIgnoreCase)) : -1;
                }
                else
                {
                    dataRows++;
                    lastDataLine = reader.LineNumber;
                    lastDataWhole = wholeColumn < 0 || (wholeColumn < reader.FieldCount && !IsBlank(reader.GetSpan(wholeColumn)));
                }
            }
        }
        catch (CsvFormatException e)
        {
            // With MalformedData = Recover the only format error left is a record longer than MaxRecordSize.
            throw new UsageException(
                $"{path}: line {e.LineNumber}: the record that starts here is over {MaxRecordSize / (1024 * 1024)} MB: a quote opened in it is probably never closed (the rest of the file would be folded into one cell)");
        }

        long cutOffLine = 0;
        if (lastRecord.MayBeCut && wholeColumn >= 0)
        {
            // The writer fills that cell last: a record without it was cut short, whatever its line ends, and one with it
            // is whole, even where someone saved the file again without its last line break.
            if (!lastDataWhole)
            {
                (cutOffLine, dataRows) = (lastDataLine, dataRows - 1);
            }
        }
        else if (lastRecord.MayBeCut && lastLine > 0 && (openQuoteLine > 0 || endsInHalfACharacter || !EndsWithLineBreak(path, encoding)))
        {
            cutOffLine = lastLine;
            if (lastCounted && dataRows > 0)
            {
                dataRows--;
            }
            else if (lastCounted)
            {
                // The header was the record cut off: the report has nothing in it yet.
                (header, headerRecord) = ([], 0);
            }
        }

        if (openQuoteLine > 0 && cutOffLine == 0)
        {
            throw new UsageException(
                $"{path}: line {openQuoteLine}: a quote opened here is never closed (the rest of the file would be folded into one cell)");
        }

        return new CsvStructure(reader.Separator, header, headerRecord, dataRows, cutOffLine);
    }

    /// <summary>
    /// Looks at each quoted cell of a record CsvHelper found malformed. It reports only the first problem of a
    /// record, and a harmless stray quote early in a row would hide a fold later in it, so every cell is checked.
    /// A cell that CsvHelper read in full is exactly its value quoted again; one left open lacks the closing quote.
    /// </summary>
    /// <returns>The line where a quote opens that the file never closes (only the last record can have one); else 0.</returns>
    private static long CheckQuotedCells(string path, CsvReader reader)
    {
        var line = reader.LineNumber;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var raw = reader.GetRawSpan(i);
            var lineBreaks = LineBreaks(raw);
            if (raw is [(byte)'"', ..])
            {
                var text = Encoding.UTF8.GetString(raw);
                var opened = "\"" + reader.GetString(i).Replace("\"", "\"\"");
                if (text == opened)
                {
                    return line;
                }

                // A single-line "ab"c is read as abc, as Excel does; only a cell over several lines can hold folded rows.
                if (lineBreaks > 0 && text != opened + "\"")
                {
                    throw new UsageException(
                        $"{path}: line {line}: a quoted cell that starts here runs over {lineBreaks + 1} lines and is followed by text after its closing quote; a stray quote has probably folded rows into one cell");
                }
            }

            line += lineBreaks;
        }

        return 0;
    }

    /// <summary>CR LF, CR and LF each end a line, as CsvHelper counts them.</summary>
    private static int LineBreaks(ReadOnlySpan<byte> text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether every cell is empty or whitespace, as <see cref="string.IsNullOrWhiteSpace"/> judges it, without making strings.</summary>
    public static bool IsBlank(CsvReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (!IsBlank(reader.GetSpan(i)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBlank(ReadOnlySpan<byte> cell)
    {
        while (!cell.IsEmpty)
        {
            Rune.DecodeFromUtf8(cell, out var rune, out var length);
            if (!Rune.IsWhiteSpace(rune))
            {
                return false;
            }

            cell = cell[length..];
        }

        return true;
    }

    private static string[] ReadHeader(CsvReader reader)
    {
        var cells = reader.Current.ToArray();
        for (var i = 0; i < cells.Length; i++)
        {
            // A byte order mark is dropped before CsvHelper sees the text; this keeps one from ever reaching a column name.
            cells[i] = cells[i].Trim().TrimStart('\uFEFF');
        }

        return cells;
    }

    /// <summary>
    /// Whether the file's last character is a line break: CsvHelper hands out a last record the same way with or
    /// without one, so this looks at the end of the file itself.
    /// </summary>
    private static bool EndsWithLineBreak(string path, Encoding encoding)
    {
        var lineFeed = encoding.GetBytes("\n");
        var carriageReturn = encoding.GetBytes("\r");
        using var stream = InputFile.OpenRead(path);
        if (stream.Length < lineFeed.Length)
        {
            return false;
        }

        var tail = new byte[lineFeed.Length];
        stream.Seek(-tail.Length, SeekOrigin.End);
        stream.ReadExactly(tail);
        return tail.AsSpan().SequenceEqual(lineFeed) || tail.AsSpan().SequenceEqual(carriageReturn);
    }
}
