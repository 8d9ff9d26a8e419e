using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// A 64-bit stand-in for a normalised field value, so a baseline of half a million leads keeps 8 bytes a
/// field instead of the strings. FNV-1a: System.IO.Hashing's XxHash64 is not a package we may use, and only
/// equality matters here. Two different values share a fingerprint with odds near 2^-64 a comparison, and
/// the cost of that is one row not sent; a baseline of 500,000 leads × 13 fields makes about 2^-41.
/// </summary>
internal static class ValueFingerprint
{
    /// <summary>Nothing known about the field: it is always sent.</summary>
    public const ulong Unknown = 0;

    /// <summary>The field is cleared (<c>#clear</c>), which only a baseline cell saying so can tell.</summary>
    public const ulong Cleared = 1;

    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(FieldValue value)
    {
        if (value.Text is "" || value is { Text: null, Number: null })
        {
            return Cleared;
        }

        // A kind mark first, so a number never matches a text whose characters happen to spell its bytes.
        var hash = value.Number is { } number
            ? AddNumber(AddByte(OffsetBasis, (byte)'N'), number)
            : AddText(AddByte(OffsetBasis, (byte)'T'), value.Text!);

        // Keep clear of the two reserved values; this merges a few fingerprints, as any other collision would.
        return hash is Unknown or Cleared ? hash + 2 : hash;
    }

    private static ulong AddText(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = AddByte(hash, (byte)c);
            hash = AddByte(hash, (byte)(c >> 8));
        }

        return hash;
    }

    private static ulong AddNumber(ulong hash, long number)
    {
        for (var shift = 0; shift < 64; shift += 8)
        {
            hash = AddByte(hash, (byte)(number >> shift));
        }

        return hash;
    }

    private static ulong AddByte(ulong hash, byte octet) => (hash ^ octet) * Prime;
}
