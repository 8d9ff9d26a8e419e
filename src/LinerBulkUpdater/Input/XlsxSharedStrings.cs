using System.Globalization;
using DocumentFormat.OpenXml.Packaging;

namespace LinerBulkUpdater.Input;

/// <summary>
/// The workbook's shared-strings table, the one part that must be held whole: cells refer to its entries by index, in
/// any order. Read as plain XML and refused as soon as it passes a limit, so an absurd table never gets loaded.
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
        var pieces = new List<string>();
        long characters = 0;
        using var xml = XlsxXmlReader.Open(part, options.MaxUncompressedBytes);
        if (!xml.ReadToRoot("sst"))
        {
            return [];
        }

        while (xml.NextChild(depth: 1))
        {
            if (!xml.IsMain("si"))
            {
                xml.Reader.Skip();
                continue;
            }

            if (strings.Count == options.MaxSharedStrings)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: the workbook's shared-strings table has more than {options.MaxSharedStrings:N0} entries; raise Input:Xlsx:MaxSharedStrings if it is genuine"));
            }

            // Rich text comes in runs, each with its own <t>; the entry is all of them (most are one plain <t>: that string).
            pieces.Clear();
            xml.ReadRichText(pieces);
            foreach (var piece in pieces)
            {
                characters += piece.Length;
            }

            if (characters > options.MaxSharedStringChars)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: the workbook's shared-strings table holds more than {options.MaxSharedStringChars:N0} characters; raise Input:Xlsx:MaxSharedStringChars if it is genuine"));
            }

            strings.Add(XlsxValues.DecodeEscapes(XlsxXmlReader.Join(pieces)));
        }

        return [.. strings];
    }
}
