using System.Globalization;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Input;

/// <summary>
/// What a stored cell shows: its text as <see cref="RawRow"/> carries it, and its <see cref="CellKind"/>. Holds the
/// workbook-wide facts every cell needs: the shared strings, which styles are dates, and the date system.
/// </summary>
internal sealed class XlsxCellDecoder(string[] sharedStrings, bool[] dateStyles, bool date1904)
{
    /// <summary>
    /// True when the cell shows nothing but white space. Also checks what <see cref="Decode"/> would otherwise trip
    /// on, so a first pass over the sheet finds damage before any row is handed out.
    /// </summary>
    /// <param name="where">The file and sheet, for the message.</param>
    public bool IsBlank(in XlsxRawCell cell, int rowNumber, string where)
    {
        if (cell.HasNoSavedValue)
        {
            // Its value is unknown, not blank: the row is a data row, and the reader of it says why it cannot be sent.
            return false;
        }

        if (cell.Type == XlsxCellType.SharedString)
        {
            if (cell.Value is null)
            {
                return true;
            }

            if (!TryGetSharedString(cell.Value, out var text))
            {
                throw new UsageException(
                    $"{where}: the sheet is damaged (cell {XlsxValues.ColumnName(cell.Column)}{rowNumber} refers to shared string '{cell.Value}', " +
                    $"but the workbook has {sharedStrings.Length}); open it in Excel and save it again");
            }

            return string.IsNullOrWhiteSpace(text);
        }

        // Decoded as Decode would, so both passes agree on which rows are blank (an escaped space is a space).
        return string.IsNullOrWhiteSpace(cell.Type == XlsxCellType.String && cell.Value is { } value ? XlsxValues.DecodeEscapes(value) : cell.Value);
    }

    /// <summary>
    /// A row's cell texts by column, gaps filled with empty text, up to its last cell that shows anything; null when
    /// every cell is blank. <paramref name="kinds"/> is null when every cell is text.
    /// </summary>
    public string[]? DecodeRow(ReadOnlySpan<XlsxRawCell> cells, out CellKind[]? kinds)
    {
        kinds = null;
        if (cells.IsEmpty)
        {
            return null;
        }

        var texts = new string[cells[^1].Column + 1];
        var width = 0;
        var blank = true;
        foreach (ref readonly var cell in cells)
        {
            var (text, kind) = Decode(cell);
            texts[cell.Column] = text;
            if (text.Length > 0 || kind == CellKind.FormulaWithoutValue)
            {
                width = cell.Column + 1;
                blank &= kind != CellKind.FormulaWithoutValue && string.IsNullOrWhiteSpace(text);
            }

            if (kind != CellKind.Text)
            {
                kinds ??= new CellKind[texts.Length];
                kinds[cell.Column] = kind;
            }
        }

        if (blank)
        {
            kinds = null;
            return null;
        }

        for (var i = 0; i < width; i++)
        {
            texts[i] ??= "";
        }

        if (width < texts.Length)
        {
            // Empty cells after the last value are formatting, not data.
            Array.Resize(ref texts, width);
            if (kinds is not null)
            {
                Array.Resize(ref kinds, width);
            }
        }

        return texts;
    }

    /// <summary>The cell's text and kind; a cell with no value is empty text.</summary>
    public (string Text, CellKind Kind) Decode(in XlsxRawCell cell)
    {
        if (cell.HasNoSavedValue)
        {
            return ("", CellKind.FormulaWithoutValue);
        }

        if (cell.Value is not { } value)
        {
            return ("", CellKind.Text);
        }

        switch (cell.Type)
        {
            case XlsxCellType.Number:
                return DecodeNumber(value, cell.Style, cell.Formula);
            case XlsxCellType.SharedString:
                // IsBlank checked the index on the survey pass, over the same file (XlsxRowSource compares stamps); the
                // raw value is only a fallback that cannot throw halfway through a run.
                return (TryGetSharedString(value, out var shared) ? shared : value, CellKind.Text);
            case XlsxCellType.Boolean:
                return value.Trim() switch
                {
                    "1" or "true" => ("TRUE", CellKind.Boolean),
                    "0" or "false" => ("FALSE", CellKind.Boolean),
                    _ => (value, CellKind.Text),
                };
            case XlsxCellType.Error:
                return (value, CellKind.Error);
            case XlsxCellType.IsoDate:
                return XlsxValues.TryParseIsoDate(value, out var date) ? (XlsxValues.FormatDate(date), CellKind.Date) : (value, CellKind.Text);
            default:
                return (XlsxValues.DecodeEscapes(value), CellKind.Text);
        }
    }

    /// <param name="formula">The number is a formula's result, whose digits past the 15th are binary noise (0.1+0.2 is
    /// 0.30000000000000004): Excel shows, and the user means, the 15 digits.</param>
    private (string Text, CellKind Kind) DecodeNumber(string value, int style, bool formula)
    {
        if (value.Length == 0)
        {
            return ("", CellKind.Text);
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            // Not a number whatever the cell says: pass the text on for the caller to judge.
            return (value, CellKind.Text);
        }

        if ((uint)style < (uint)dateStyles.Length && dateStyles[style] && XlsxValues.TryFromSerial(number, date1904, out var date))
        {
            return (XlsxValues.FormatDate(date), CellKind.Date);
        }

        if (!formula && !XlsxPrecision.IsExact(value, number))
        {
            // Passed on as stored: the digits the file holds, never the rounded number Excel would show.
            return (value.Trim(), CellKind.Imprecise);
        }

        return (XlsxValues.FormatNumber(number), CellKind.Number);
    }

    private bool TryGetSharedString(string value, out string text)
    {
        if (int.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var index)
            && (uint)index < (uint)sharedStrings.Length)
        {
            text = sharedStrings[index];
            return true;
        }

        text = "";
        return false;
    }
}
