using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LinerBulkUpdater.Reporting;

/// <summary>
/// The report's few cell formats, as indexes into the styles part it writes. Text cells carry the
/// text number format (<c>@</c>) so that a user fixing a failed row in Excel keeps leading zeros and
/// long phone numbers as typed.
/// </summary>
internal static class XlsxStyles
{
    public const uint Plain = 0;
    public const uint Header = 1;
    public const uint Text = 2;
    public const uint FailedNumber = 3;
    public const uint FailedText = 4;
    public const uint InvalidNumber = 5;
    public const uint InvalidText = 6;

    /// <summary>How many formats the styles part defines.</summary>
    public const int Count = 7;

    /// <summary>Excel's built-in number format <c>@</c>.</summary>
    private const uint TextFormat = 49;

    private const uint NoFill = 0;
    private const uint FailedFill = 2;
    private const uint InvalidFill = 3;

    /// <summary>The tint for a row: light red for failed, light amber for invalid, none for the rest.</summary>
    public static (uint Number, uint Text) ForOutcome(string outcome) => outcome switch
    {
        "failed" => (FailedNumber, FailedText),
        "invalid" => (InvalidNumber, InvalidText),
        _ => (Plain, Text),
    };

    public static void Write(Stream part)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartDocument();
        writer.WriteElement(Stylesheet());
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(Font(bold: false), Font(bold: true)) { Count = 2 },
        // Fills 0 and 1 are reserved: Excel expects "none" and "gray125" there whatever the file says.
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            Solid("FFFFC7CE"),
            Solid("FFFFEB9C")) { Count = 4 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            Format(numberFormat: 0, fill: NoFill),
            Format(numberFormat: TextFormat, fill: NoFill, bold: true),
            Format(numberFormat: TextFormat, fill: NoFill),
            Format(numberFormat: 0, fill: FailedFill),
            Format(numberFormat: TextFormat, fill: FailedFill),
            Format(numberFormat: 0, fill: InvalidFill),
            Format(numberFormat: TextFormat, fill: InvalidFill)) { Count = Count },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private static Font Font(bool bold)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        font.Append(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 });
        return font;
    }

    private static Fill Solid(string argb) => new(new PatternFill(
        new ForegroundColor { Rgb = HexBinaryValue.FromString(argb) },
        new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });

    private static CellFormat Format(uint numberFormat, uint fill, bool bold = false) => new()
    {
        NumberFormatId = numberFormat,
        FontId = bold ? 1u : 0u,
        FillId = fill,
        BorderId = 0,
        FormatId = 0,
        ApplyNumberFormat = numberFormat != 0,
        ApplyFont = bold,
        ApplyFill = fill != NoFill,
    };
}
