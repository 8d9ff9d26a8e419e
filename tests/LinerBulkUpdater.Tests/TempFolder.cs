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

    /// <summary>A CSV of leads 1..<paramref name="count"/>, each setting <c>status</c>: rows that differ only by lead.</summary>
    public string WriteLeads(int count, string name = "leads.csv")
    {
        var csv = new StringBuilder("lead_id,status\n");
        for (var lead = 1; lead <= count; lead++)
        {
            csv.Append(lead).Append(",3\n");
        }

        return Write(name, csv.ToString(), new UTF8Encoding(false));
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
