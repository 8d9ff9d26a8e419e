using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Ui;

/// <summary>
/// The one folder the page's runs keep their files in (<c>Ui:RunsFolder</c>): each upload gets a folder of its own,
/// <c>&lt;UTC stamp&gt;-&lt;random&gt;</c>, holding a copy of the file, and then its reports, undo files and summary,
/// named as the command line names them. Nothing from a browser is written anywhere else, nor over anything.
/// </summary>
internal sealed partial class RunsFolder(string root, TimeProvider time)
{
    private const string MetaFile = "run.json";

    public string Root => root;

    /// <summary>A new run's folder, with the uploaded file's name made safe (letters, digits, <c>. _ -</c>).</summary>
    /// <returns>The run's id and the path the input is to be written to.</returns>
    public (string Id, string InputPath) Create(string fileName, string kind, string? of)
    {
        var id = $"{ReportWriters.Stamp(time.GetUtcNow())}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var folder = Directory.CreateDirectory(Path.Combine(root, id)).FullName;
        var name = SafeName(fileName);
        using (var meta = File.Create(Path.Combine(folder, MetaFile)))
        using (var json = new Utf8JsonWriter(meta))
        {
            json.WriteStartObject();
            json.WriteString("input", name);
            json.WriteString("kind", kind);
            json.WriteString("of", of);
            json.WriteString("created", time.GetUtcNow());
            json.WriteEndObject();
        }

        return (id, Path.Combine(folder, name));
    }

    /// <summary>The run's folder, for an id of the shape <see cref="Create"/> makes that exists; null otherwise.</summary>
    public string? FolderOf(string id) =>
        RunId().IsMatch(id) && Directory.Exists(Path.Combine(root, id)) ? Path.Combine(root, id) : null;

    /// <summary>A file of the run by its exact name, as listed: never a path, never outside the run's folder.</summary>
    public string? FileOf(string id, string name) =>
        FolderOf(id) is { } folder && Directory.EnumerateFiles(folder).FirstOrDefault(path => Path.GetFileName(path) == name) is { } file && name != MetaFile
            ? file
            : null;

    /// <summary>The runs, newest first.</summary>
    public IEnumerable<string> Ids() =>
        Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>().Where(name => RunId().IsMatch(name)).OrderDescending(StringComparer.Ordinal)
            : [];

    /// <summary>What <see cref="Create"/> recorded: the input's name, what kind of file it is, the run it undoes.</summary>
    public (string Input, string Kind, string? Of) Meta(string id)
    {
        try
        {
            using var meta = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(FolderOf(id)!, MetaFile)));
            var root = meta.RootElement;
            return (root.GetProperty("input").GetString()!, root.GetProperty("kind").GetString()!, root.GetProperty("of").GetString());
        }
        catch (Exception exception) when (exception is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return ("", "input", null);
        }
    }

    /// <summary>The run's files a person may download, by name: input, reports, undo files, summary.</summary>
    public IReadOnlyList<string> Files(string id) =>
        FolderOf(id) is { } folder
            ? [.. Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>().Where(name => name != MetaFile && !name.EndsWith(".lock", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
            : [];

    public static string SafeName(string fileName)
    {
        var name = Unsafe().Replace(Path.GetFileName(fileName.Replace('\\', '/')), "_").TrimStart('.');
        return name.Length is 0 or > 120 ? "input" + Path.GetExtension(name) : name;
    }

    [GeneratedRegex(@"^\d{8}T\d{6}Z-[0-9a-f]{6}$")]
    private static partial Regex RunId();

    [GeneratedRegex(@"[^\p{L}\p{N}._ -]")]
    private static partial Regex Unsafe();
}
