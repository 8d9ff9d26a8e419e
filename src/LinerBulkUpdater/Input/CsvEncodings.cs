using System.Text;

namespace LinerBulkUpdater.Input;

/// <summary>The encodings a CSV file can be in, and how each is recognised.</summary>
internal static class CsvEncodings
{
    // .NET Core ships only the Unicode encodings and Latin-1; windows-1251 and the other code pages
    // Excel writes come from this provider. Registering twice is harmless, once is enough.
    static CsvEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>UTF-8 without a byte order mark: what a BOM-less file that is valid UTF-8 is read as.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>UTF-8 that throws on the first invalid byte: decoding a whole file with it answers "is this UTF-8?".</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>What Excel on a Russian Windows writes when told "CSV": the default of <c>Input:FallbackEncoding</c>.</summary>
    public static Encoding DefaultFallback => Encoding.GetEncoding(1251);

    /// <summary>The configured legacy code page, or a one-line <see cref="UsageException"/> naming the setting.</summary>
    public static Encoding ResolveFallback(string name)
    {
        Encoding encoding;
        try
        {
            encoding = int.TryParse(name, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name.Trim());
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new UsageException($"Input:FallbackEncoding: '{name}' is not a known encoding (for example windows-1251)");
        }

        // CsvHelper finds quotes, separators and line breaks in the bytes by their ASCII values; an encoding that
        // stores them differently (UTF-16, EBCDIC) would make it see a different file than CsvHelper does.
        if (encoding.GetString(StructuralBytes) != StructuralChars)
        {
            throw new UsageException($"Input:FallbackEncoding: '{name}' cannot be used for CSV files; use an ASCII-based code page such as windows-1251");
        }

        return encoding;
    }

    /// <summary>The encoding a byte order mark at the start of <paramref name="head"/> announces, or null without one.</summary>
    public static Encoding? FromByteOrderMark(ReadOnlySpan<byte> head) => head switch
    {
        [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8,
        // UTF-32 LE's mark starts with UTF-16 LE's, so it is tested first.
        [0xFF, 0xFE, 0x00, 0x00, ..] => Encoding.UTF32,
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        [0x00, 0x00, 0xFE, 0xFF, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
        _ => null,
    };

    private const string StructuralChars = "\",;\t|\r\n";

    private static ReadOnlySpan<byte> StructuralBytes => "\",;\t|\r\n"u8;
}
