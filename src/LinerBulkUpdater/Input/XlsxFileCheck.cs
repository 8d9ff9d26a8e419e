using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace LinerBulkUpdater.Input;

/// <summary>
/// What the bytes of an .xlsx file say before the Open XML SDK is let near them: that it is a zip at all, that it does
/// not unpack to more than the limit, and, when it is an OLE file instead, whether that is a password or an old .xls.
/// </summary>
internal static class XlsxFileCheck
{
    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    // An encrypted workbook is an OLE compound file that holds the real zip as a stream named "EncryptedPackage"
    // (MS-OFFCRYPTO 2.3.4.4). Names sit at the start of 128-byte directory entries, in UTF-16 with their terminator.
    private static readonly byte[] EncryptedPackageName = Encoding.Unicode.GetBytes("EncryptedPackage\0");
    private const int DirectoryEntrySize = 128;
    private const int DirectoryEntryNameLengthOffset = 0x40;

    /// <summary>Throws <see cref="UsageException"/> unless <paramref name="file"/> is a zip that unpacks to at most <paramref name="maxUncompressedBytes"/>.</summary>
    public static void Check(string path, Stream file, long maxUncompressedBytes)
    {
        Span<byte> head = stackalloc byte[OleSignature.Length];
        var length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        head = head[..length];
        if (length == 0)
        {
            throw new UsageException($"{path}: the file is empty, not an .xlsx workbook");
        }

        if (head.SequenceEqual(OleSignature))
        {
            throw new UsageException(HoldsEncryptedPackage(file)
                ? $"{path}: the workbook is encrypted with a password; save a copy without the password and use that"
                : $"{path}: this is an Excel 97-2003 (.xls) or other old Office file, not .xlsx; open it in Excel and save it as .xlsx");
        }

        if (!head.StartsWith("PK"u8))
        {
            throw NotXlsx(path, "it is not a zip package");
        }

        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                // The sizes in the zip's directory are what .NET will decompress at most, so they bound the work
                // honestly; comparing before adding keeps a Zip64 entry claiming exabytes from overflowing the sum.
                if (entry.Length < 0 || entry.Length > maxUncompressedBytes - total)
                {
                    throw new UsageException(
                        $"{path}: the workbook unpacks to more than {Size(maxUncompressedBytes)}; raise Input:Xlsx:MaxUncompressedBytes if it is genuine");
                }

                total += entry.Length;
            }
        }
        catch (InvalidDataException)
        {
            throw NotXlsx(path, "its zip structure is damaged");
        }
        finally
        {
            file.Position = 0;
        }
    }

    public static UsageException NotXlsx(string path, string why) =>
        new($"{path}: not an .xlsx workbook ({why}); save it from Excel as .xlsx, or as .csv");

    /// <summary>A byte count as settings are usually written: <c>2 GB</c>, <c>64 MB</c>, else exact.</summary>
    public static string Size(long bytes)
    {
        const long Kb = 1024, Mb = Kb * 1024, Gb = Mb * 1024;
        return bytes switch
        {
            >= Gb when bytes % Gb == 0 => $"{bytes / Gb} GB",
            >= Mb when bytes % Mb == 0 => $"{bytes / Mb} MB",
            >= Kb when bytes % Kb == 0 => $"{bytes / Kb} KB",
            _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes"),
        };
    }

    /// <summary>
    /// Looks for the name at every 128-byte boundary rather than walking the compound file's sector chains: directory
    /// entries always sit on such a boundary, and this only runs for a file that is going to be refused anyway.
    /// </summary>
    private static bool HoldsEncryptedPackage(Stream file)
    {
        var buffer = new byte[InputFile.BufferSize];
        try
        {
            int read;
            while ((read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
            {
                for (var offset = 0; offset + DirectoryEntrySize <= read; offset += DirectoryEntrySize)
                {
                    var entry = buffer.AsSpan(offset, DirectoryEntrySize);
                    if (entry.StartsWith(EncryptedPackageName) && entry[DirectoryEntryNameLengthOffset] == EncryptedPackageName.Length
                        && entry[DirectoryEntryNameLengthOffset + 1] == 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
        finally
        {
            file.Position = 0;
        }
    }
}
