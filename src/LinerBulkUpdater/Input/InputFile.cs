using System.Text;

namespace LinerBulkUpdater.Input;

/// <summary>Opening an input file, with the failures a user can cause turned into one-line messages.</summary>
internal static class InputFile
{
    public const int BufferSize = 64 * 1024;

    public static FileStream OpenRead(string path)
    {
        try
        {
            // FileShare.ReadWrite: Excel keeps a file it has open locked for writing, and we still want to read it.
            // No FileStream buffer: every reader of it (StreamReader, CsvHelper) has its own 64 KB one.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException(Directory.Exists(path)
                ? $"cannot read '{path}': it is a folder, not a file"
                : $"cannot read '{path}': file not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException(Directory.Exists(path)
                ? $"cannot read '{path}': it is a folder, not a file"
                : $"cannot read '{path}': permission denied");
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot read '{path}': not a valid file name");
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot read '{path}': {OneLine(e.Message)}");
        }
    }

    /// <summary>The text of the file in <paramref name="encoding"/>, after that encoding's byte order mark if there is one.</summary>
    public static StreamReader OpenText(string path, Encoding encoding) =>
        new(OpenRead(path), encoding, detectEncodingFromByteOrderMarks: false, BufferSize);

    /// <summary>The first <paramref name="length"/> bytes of the file (fewer for a shorter one): enough to see its byte order mark, or that it has none.</summary>
    public static byte[] ReadHead(string path, int length)
    {
        var head = new byte[length];
        using var stream = OpenRead(path);
        return head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
