using System.Text;

namespace LinerBulkUpdater.Tests;

/// <summary>A folder of real files for one test, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("liner-input-").FullName;

    /// <summary>Writes <paramref name="bytes"/> exactly, so each test states its encoding byte for byte.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Write(string name, string text, Encoding encoding, bool byteOrderMark = false) =>
        Write(name, [.. byteOrderMark ? encoding.GetPreamble() : [], .. encoding.GetBytes(text)]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
