using System.Buffers;

namespace LinerBulkUpdater.Input;

/// <summary>What one pass over a whole CSV file found out about its structure.</summary>
/// <param name="HeaderRecord">1-based record number of the header (the first non-blank record); 0 when there is none.</param>
/// <param name="DataRowCount">Non-blank records after the header.</param>
/// <param name="UnclosedQuoteLine">Line where a quote opened that the file never closes; 0 when every quote closes.</param>
/// <param name="CutOffLine">Line where the dropped last record started, when asked to drop one that no line break ends; else 0.</param>
internal readonly record struct CsvStructure(long HeaderRecord, int DataRowCount, long UnclosedQuoteLine, long CutOffLine = 0);

/// <summary>
/// A streaming pass over a CSV file's text that follows CsvHelper's RFC 4180 reading exactly where it matters:
/// a quote opens a field only as its first character, <c>""</c> inside is a quote, a lone <c>"</c> closes it,
/// text after the closing quote and quotes inside an unquoted field are plain text, and CR, LF and CR LF each
/// end a line. Feed it the text in chunks of any size, then call <see cref="Complete"/>.
/// </summary>
internal sealed class CsvPreScanner(char delimiter)
{
    private enum State : byte
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    private readonly SearchValues<char> _unquotedStops = SearchValues.Create([delimiter, '\r', '\n']);

    private State _state;
    private bool _recordStarted;
    private bool _hasContent;
    private bool _afterCarriageReturn;
    private long _line = 1;
    private long _recordLine;
    private long _quoteLine;
    private long _records;
    private long _headerRecord;
    private int _dataRows;

    public void Feed(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (_afterCarriageReturn)
            {
                _afterCarriageReturn = false;
                if (c == '\n')
                {
                    // The LF of a CR LF: the line (and, outside quotes, the record) already ended at the CR.
                    i++;
                    continue;
                }
            }

            switch (_state)
            {
                case State.Quoted:
                    if (c == '"')
                    {
                        _state = State.QuoteInQuoted;
                    }
                    else if (c is '\r' or '\n')
                    {
                        NewLine(c);
                    }
                    else if (_hasContent)
                    {
                        // Most of a quoted field is plain text: jump to the next character that matters.
                        var stop = text[i..].IndexOfAny(QuotedStops);
                        i = stop < 0 ? text.Length : i + stop;
                        continue;
                    }
                    else
                    {
                        _hasContent = !char.IsWhiteSpace(c);
                    }

                    i++;
                    continue;

                case State.QuoteInQuoted:
                    if (c == '"')
                    {
                        _state = State.Quoted;
                        _hasContent = true;
                        i++;
                        continue;
                    }

                    // The quote closed the field; what follows it is read as unquoted text.
                    _state = State.Unquoted;
                    break;

                case State.FieldStart:
                    if (!_recordStarted)
                    {
                        _recordStarted = true;
                        _recordLine = _line;
                    }

                    if (c == '"')
                    {
                        _state = State.Quoted;
                        _quoteLine = _line;
                        i++;
                        continue;
                    }

                    _state = State.Unquoted;
                    break;
            }

            // Unquoted text, where a quote is an ordinary character.
            if (c == delimiter)
            {
                _state = State.FieldStart;
            }
            else if (c is '\r' or '\n')
            {
                EndRecord();
                NewLine(c);
            }
            else if (_hasContent)
            {
                var stop = text[i..].IndexOfAny(_unquotedStops);
                i = stop < 0 ? text.Length : i + stop;
                continue;
            }
            else
            {
                _hasContent = !char.IsWhiteSpace(c);
            }

            i++;
        }
    }

    /// <param name="dropUnendedRecord">
    /// Leave out a last record that no line break ends, quote open or not, rather than count it or report its open quote.
    /// </param>
    public CsvStructure Complete(bool dropUnendedRecord = false)
    {
        if (dropUnendedRecord && _recordStarted)
        {
            // Counts so far cover only records a line break ended: the unended one was never counted.
            return new CsvStructure(_headerRecord, _dataRows, UnclosedQuoteLine: 0, CutOffLine: _recordLine);
        }

        if (_state == State.Quoted)
        {
            return new CsvStructure(_headerRecord, _dataRows, _quoteLine);
        }

        if (_recordStarted)
        {
            // The last record has no line break after it.
            EndRecord();
        }

        return new CsvStructure(_headerRecord, _dataRows, UnclosedQuoteLine: 0);
    }

    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\r\n");

    private void NewLine(char c)
    {
        _line++;
        _afterCarriageReturn = c == '\r';
    }

    private void EndRecord()
    {
        _records++;
        if (_hasContent)
        {
            if (_headerRecord == 0)
            {
                _headerRecord = _records;
            }
            else
            {
                _dataRows++;
            }
        }

        _state = State.FieldStart;
        _recordStarted = false;
        _hasContent = false;
    }
}
