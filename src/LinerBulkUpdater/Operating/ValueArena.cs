using System.Buffers.Binary;
using System.Text;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// A baseline's normalised values, kept as bytes in one growing array (a kind mark, then the number or the UTF-8
/// text), so half a million leads cost their values' bytes and 4 bytes a field rather than a string object each;
/// kept exactly, so a row's <c>changes</c> can show what the baseline held, and equality is never a guess.
/// </summary>
internal sealed class ValueArena
{
    private const byte Cleared = (byte)'C';
    private const byte Number = (byte)'N';
    private const byte Text = (byte)'T';

    // Chunks, not one array grown by doubling: growing would copy, and hold old and new at once, up to 3x the values.
    private const int ChunkBits = 20;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly List<byte[]> _chunks = [];
    private int _used;
    private byte[] _scratch = new byte[64];

    /// <returns>Where the value is kept, for <see cref="Holds"/> and <see cref="Get"/>.</returns>
    /// <exception cref="UsageException">The baseline's values pass 2 GB.</exception>
    public int Add(FieldValue value)
    {
        var encoded = Encode(value);
        if (_chunks.Count == 0 || _used + encoded.Length > _chunks[^1].Length)
        {
            if (_chunks.Count >= int.MaxValue >> ChunkBits)
            {
                throw new UsageException("the baseline holds more than 2 GB of values; split it, or compare with --live-diff instead");
            }

            // A value longer than a chunk gets one of its own.
            _chunks.Add(new byte[Math.Max(ChunkSize, encoded.Length)]);
            _used = 0;
        }

        var at = ((_chunks.Count - 1) << ChunkBits) | _used;
        encoded.CopyTo(_chunks[^1].AsSpan(_used));
        _used += encoded.Length;
        return at;
    }

    /// <summary>Whether the value kept at <paramref name="at"/> is <paramref name="value"/> (a cleared value is one however written).</summary>
    public bool Holds(int at, FieldValue value)
    {
        var encoded = Encode(value);
        return Kept(at).StartsWith(encoded);
    }

    public FieldValue Get(int at, UpdateField field)
    {
        var span = Kept(at);
        return span[0] switch
        {
            Number => FieldValue.Of(field, BinaryPrimitives.ReadInt64LittleEndian(span[1..])),
            Text => FieldValue.Of(field, Encoding.UTF8.GetString(span.Slice(5, BinaryPrimitives.ReadInt32LittleEndian(span[1..])))),
            _ => FieldValue.Cleared(field),
        };
    }

    private ReadOnlySpan<byte> Kept(int at) => _chunks[at >> ChunkBits].AsSpan(at & (ChunkSize - 1));

    private ReadOnlySpan<byte> Encode(FieldValue value)
    {
        if (value.Text is "" || value is { Text: null, Number: null })
        {
            _scratch[0] = Cleared;
            return _scratch.AsSpan(0, 1);
        }

        if (value.Number is { } number)
        {
            _scratch[0] = Number;
            BinaryPrimitives.WriteInt64LittleEndian(_scratch.AsSpan(1), number);
            return _scratch.AsSpan(0, 9);
        }

        // The length goes first, so a text is never taken for the start of a longer one.
        var length = Encoding.UTF8.GetByteCount(value.Text!);
        if (_scratch.Length < length + 5)
        {
            _scratch = new byte[Math.Max(length + 5, _scratch.Length * 2)];
        }

        _scratch[0] = Text;
        BinaryPrimitives.WriteInt32LittleEndian(_scratch.AsSpan(1), length);
        Encoding.UTF8.GetBytes(value.Text, _scratch.AsSpan(5));
        return _scratch.AsSpan(0, length + 5);
    }
}
