using System.Buffers;
using System.Text;

namespace LinerBulkUpdater.Input;

/// <summary>
/// What a CSV's bytes say about their encoding before any of them is decoded, for the two mistakes that would
/// otherwise send text other than what the user typed: UTF-16 without a byte order mark (every other byte is
/// NUL), and a file that is UTF-8 in some lines and not in others (two exports pasted together), which neither
/// UTF-8 nor the legacy code page decodes whole. Written by hand: .NET's decoders only say that a byte is
/// invalid, not on which line, nor whether the rest of the file was valid UTF-8.
/// </summary>
internal static class EncodingSniffer
{
    /// <summary>Lines with this many valid multi-byte characters and no invalid byte are UTF-8 beyond doubt.</summary>
    private const int Utf8LineEvidence = 2;

    /// <summary>How much of the file's head <see cref="Utf16WithoutMark"/> wants to see.</summary>
    public const int HeadLength = 4096;

    /// <param name="head">The first <see cref="HeadLength"/> bytes of the file, or all of a shorter one.</param>
    /// <returns>"UTF-16LE" or "UTF-16BE" when the head of the file is plainly UTF-16 without its mark; null otherwise.</returns>
    public static string? Utf16WithoutMark(ReadOnlySpan<byte> head)
    {
        var length = head.Length;
        if (length < 4)
        {
            return null;
        }

        int evenNuls = 0, oddNuls = 0;
        for (var i = 0; i + 1 < length; i += 2)
        {
            evenNuls += head[i] == 0 ? 1 : 0;
            oddNuls += head[i + 1] == 0 ? 1 : 0;
        }

        var pairs = length / 2;
        return oddNuls > pairs * 3 / 4 && evenNuls < pairs / 8 ? "UTF-16LE"
            : evenNuls > pairs * 3 / 4 && oddNuls < pairs / 8 ? "UTF-16BE"
            : null;
    }

    /// <summary>Where the bytes stop being UTF-8, whether other lines were plainly UTF-8, and whether the file was only cut inside a character.</summary>
    /// <returns>
    /// The first line holding a byte that is not UTF-8 (0 when every byte is), the first line that is UTF-8 beyond doubt
    /// (0 when none is), and whether the only bytes that are not UTF-8 are the start of a character the file ends in:
    /// what a file cut short where it was being written (a full disk) looks like, not another encoding.
    /// </returns>
    public static (long FirstInvalidLine, long FirstUtf8Line, bool EndsInHalfACharacter) Utf8Lines(string path)
    {
        using var stream = InputFile.OpenRead(path);
        var buffer = ArrayPool<byte>.Shared.Rent(InputFile.BufferSize + 4);
        try
        {
            long line = 1, firstInvalid = 0, firstUtf8 = 0;
            int lineRunes = 0, carried = 0;
            bool lineInvalid = false, halfAtEnd = false;
            int read;
            while ((read = stream.Read(buffer, carried, InputFile.BufferSize)) > 0 || carried > 0)
            {
                var span = buffer.AsSpan(0, carried + read);
                var end = read == 0;
                var at = 0;
                while (at < span.Length)
                {
                    var b = span[at];
                    if (b < 0x80)
                    {
                        if (b == '\n')
                        {
                            EndLine();
                            line++;
                        }

                        at++;
                        continue;
                    }

                    var status = Rune.DecodeFromUtf8(span[at..], out _, out var consumed);
                    if (status == System.Buffers.OperationStatus.NeedMoreData && !end)
                    {
                        break;
                    }

                    if (status == System.Buffers.OperationStatus.Done)
                    {
                        lineRunes++;
                    }
                    else if (status == System.Buffers.OperationStatus.NeedMoreData)
                    {
                        // At the end of the file: every byte left is the start of one character, cut there.
                        halfAtEnd = firstInvalid == 0;
                        lineInvalid = true;
                        firstInvalid = firstInvalid == 0 ? line : firstInvalid;
                        at = span.Length;
                        continue;
                    }
                    else
                    {
                        lineInvalid = true;
                        firstInvalid = firstInvalid == 0 ? line : firstInvalid;
                    }

                    at += Math.Max(consumed, 1);
                }

                carried = span.Length - at;
                span[at..].CopyTo(buffer);
                if (end)
                {
                    break;
                }

                if (firstInvalid > 0 && firstUtf8 > 0)
                {
                    break;
                }
            }

            EndLine();
            return (firstInvalid, firstUtf8, halfAtEnd);

            void EndLine()
            {
                if (!lineInvalid && lineRunes >= Utf8LineEvidence && firstUtf8 == 0)
                {
                    firstUtf8 = line;
                }

                lineInvalid = false;
                lineRunes = 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
