using System.ComponentModel.DataAnnotations;

namespace LinerBulkUpdater.Ui;

/// <summary>The <c>Ui</c> settings section: where the page's runs keep their files, and how large an upload may be.</summary>
internal sealed class UiOptions
{
    public const string Section = "Ui";

    /// <summary>The runs folder; empty means <c>liner-bulk/runs</c> in the user's local application data folder, beside the logs.</summary>
    public string RunsFolder { get; init; } = "";

    /// <summary>An upload larger than this is refused (413) before it is written anywhere.</summary>
    [Range(1, 2048)]
    public int MaxUploadMegabytes { get; init; } = 100;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    public string Folder()
    {
        if (RunsFolder.Length > 0)
        {
            return Path.GetFullPath(RunsFolder);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(home.Length > 0 ? home : Path.GetTempPath(), "liner-bulk", "runs");
    }
}
