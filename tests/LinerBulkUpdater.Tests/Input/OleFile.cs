using System.Buffers.Binary;
using System.Text;

namespace LinerBulkUpdater.Tests.Input;

/// <summary>
/// The smallest OLE compound file (MS-CFB, version 3) with the given stream names in its directory, all empty: the shape
/// of a password-protected workbook (EncryptionInfo, EncryptedPackage) or of an old .xls (Workbook).
/// </summary>
internal static class OleFile
{
    private const int SectorSize = 512;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;
    private const uint FatSector = 0xFFFFFFFD;
    private const uint NoStream = 0xFFFFFFFF;

    public static byte[] WithStreams(params string[] names)
    {
        // Header, one FAT sector (sector 0), one directory sector (sector 1) of four 128-byte entries.
        var file = new byte[SectorSize * 3];
        var header = file.AsSpan(0, SectorSize);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x18..], 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1A..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1C..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1E..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x20..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x2C..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x30..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x38..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x3C..], EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x44..], EndOfChain);
        for (var i = 0; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(0x4C + 4 * i)..], i == 0 ? 0 : FreeSector);
        }

        var fat = file.AsSpan(SectorSize, SectorSize);
        for (var i = 0; i < SectorSize / 4; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(fat[(4 * i)..], i switch { 0 => FatSector, 1 => EndOfChain, _ => FreeSector });
        }

        string[] entries = ["Root Entry", .. names];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = file.AsSpan(SectorSize * 2 + 128 * i, 128);
            var name = Encoding.Unicode.GetBytes(entries[i] + "\0");
            name.CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[0x40..], (ushort)name.Length);
            entry[0x42] = (byte)(i == 0 ? 5 : 2);
            entry[0x43] = 1;
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x44..], NoStream);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x48..], i > 0 && i + 1 < entries.Length ? (uint)(i + 1) : NoStream);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x4C..], i == 0 && entries.Length > 1 ? 1 : NoStream);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x74..], EndOfChain);
        }

        return file;
    }
}
