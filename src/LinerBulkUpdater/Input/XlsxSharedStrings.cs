using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LinerBulkUpdater.Input;

/// <summary>
/// The workbook's shared-strings table, the one part that must be held whole: cells refer to its entries by index, in
/// any order. Read with the SAX reader and refused as soon as it passes a limit, so an absurd table never gets loaded.
/// </summary>
internal static class XlsxSharedStrings
{
    public static string[] Load(string path, SharedStringTablePart? part, XlsxInputOptions options)
    {
        if (part is null)
        {
            return [];
        }

        var strings = new List<string>();
        var text = new StringBuilder();
        string? firstPiece = null;
        var pieces = 0;
        long characters = 0;
        var phoneticDepth = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            var type = reader.ElementType;
            if (type == typeof(SharedStringItem))
            {
                if (reader.IsStartElement)
                {
                    if (strings.Count == options.MaxSharedStrings)
                    {
                        throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                            $"{path}: the workbook's shared-strings table has more than {options.MaxSharedStrings:N0} entries; raise Input:Xlsx:MaxSharedStrings if it is genuine"));
                    }

                    text.Clear();
                    firstPiece = null;
                    pieces = 0;
                }
                else
                {
                    // Most entries are one plain <t>: that string is the entry, with no copy through the builder.
                    var entry = pieces switch { 0 => "", 1 => firstPiece!, _ => text.ToString() };
                    strings.Add(XlsxValues.DecodeEscapes(entry));
                }
            }
            else if (type == typeof(PhoneticRun))
            {
                // A furigana reading of the text, not part of it.
                phoneticDepth += reader.IsStartElement ? 1 : -1;
            }
            else if (type == typeof(Text) && reader.IsStartElement && phoneticDepth == 0)
            {
                // Rich text comes in runs, each with its own <t>; the entry is all of them.
                var piece = reader.GetText();
                characters += piece.Length;
                if (characters > options.MaxSharedStringChars)
                {
                    throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                        $"{path}: the workbook's shared-strings table holds more than {options.MaxSharedStringChars:N0} characters; raise Input:Xlsx:MaxSharedStringChars if it is genuine"));
                }

                if (pieces == 0)
                {
                    firstPiece = piece;
                }
                else
                {
                    if (pieces == 1)
                    {
                        text.Append(firstPiece);
                    }

                    text.Append(piece);
                }

                pieces++;
            }
        }

        return [.. strings];
    }
}
