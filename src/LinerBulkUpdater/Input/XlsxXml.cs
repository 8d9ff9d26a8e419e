using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace LinerBulkUpdater.Input;

/// <summary>What the workbook's readers share: damage turned into one-line messages.</summary>
internal static class XlsxXml
{
    /// <summary>What a damaged or truncated package throws from the zip, packaging, SDK and XML layers: not our bugs.</summary>
    public static bool IsDamage(Exception e) =>
        e is XmlException or InvalidDataException or OpenXmlPackageException or IOException or NotSupportedException
            or System.IO.FileFormatException;

    /// <summary>The one-line message for <paramref name="e"/>, which <see cref="IsDamage"/> accepted, met while reading <paramref name="part"/>.</summary>
    public static UsageException Damaged(string path, Exception e, long maxUncompressedBytes, OpenXmlPart? part = null)
    {
        // Every part's XmlReader has MaxCharactersInDocument (XlsxXmlReader): a part bigger than its zip entry claimed trips it.
        if (e is XmlException && e.Message.Contains(nameof(XmlReaderSettings.MaxCharactersInDocument), StringComparison.Ordinal))
        {
            return new UsageException(
                $"{path}: the workbook unpacks to more than {XlsxFileCheck.Size(maxUncompressedBytes)}; raise Input:Xlsx:MaxUncompressedBytes if it is genuine");
        }

        // XmlException says where in the XML, not which XML: the part's name says that.
        var where = part is null ? "" : $"{part.Uri.OriginalString.TrimStart('/')}: ";
        return new UsageException($"{path}: the workbook is damaged ({where}{OneLine(e.Message)}); open it in Excel and save it again");
    }

    /// <summary>Runs <paramref name="read"/> over <paramref name="part"/>, turning damage into the one-line message that names the part.</summary>
    public static T Read<T>(string path, OpenXmlPart? part, long maxUncompressedBytes, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw Damaged(path, e, maxUncompressedBytes, part);
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
}
