using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;
using Serilog;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// <c>liner-bulk run DIR/</c>: every CSV and XLSX file in the folder, in name order, each moved with its
/// report into <c>done/</c> (exit 0) or <c>failed/</c> (anything else) once it is through — so a
/// scheduled task can drop files in and never send one twice.
/// </summary>
internal sealed class FolderRun(string folder, ILogger log, TimeProvider time)
{
    /// <param name="runOne">Runs one file to the given report path.</param>
    /// <param name="stopped">True once the run was told to stop: files not yet started stay where they are.</param>
    /// <param name="folderExitCodeOf">The CLI's reading of the files' exit codes as the folder's (<see cref="ExitCodes.OfFolder"/>).</param>
    /// <returns>Every file run, and the folder's exit code.</returns>
    public async Task<FolderSummary> RunAsync(Func<string, string, Task<RunSummary>> runOne, Func<bool> stopped, Func<IReadOnlyCollection<int>, int> folderExitCodeOf)
    {
        var started = time.GetUtcNow();
        // Two scheduled runs over one folder would take the same files: the folder has its lock too.
        using var held = RunLock.Acquire(Path.TrimEndingDirectorySeparator(folder));
        var files = Inputs().ToList();
        log.Information("Folder {Folder}: {Count} files to run", folder, files.Count);
        var results = new List<FolderFile>();
        foreach (var file in files)
        {
            if (stopped())
            {
                break;
            }

            var report = ReportWriters.DefaultPath(file, time.GetUtcNow());
            RunSummary? summary = null;
            string? refusal = null;
            try
            {
                summary = await runOne(file, report);
            }
            catch (UsageException exception)
            {
                log.Error("{File}: {Reason}", file, exception.Message);
                refusal = exception.Message;
            }

            var exitCode = summary?.ExitCode ?? ExitCodes.Unusable;
            var destination = Path.Combine(folder, exitCode == ExitCodes.Success ? "done" : "failed");
            var movedTo = MoveInto(destination, file) ?? file;
            // A workbook report that could not be completed is its sidecar: that goes with the file instead.
            var reportMovedTo = MoveInto(destination, report) ?? MoveInto(destination, XlsxReportWriter.SidecarOf(report));
            log.Information("{File}: exit {ExitCode}, moved to {Destination}", Path.GetFileName(file), exitCode, destination);
            results.Add(new FolderFile(file, movedTo, reportMovedTo, exitCode, summary, refusal));
        }

        return new FolderSummary(folder, started, time.GetUtcNow(), results, folderExitCodeOf(results.Select(result => result.ExitCode).ToList()));
    }

    private IEnumerable<string> Inputs() => InputsIn(folder);

    /// <summary>The files a run of <paramref name="folder"/> takes, in the order it takes them: CSV and XLSX files, not reports.</summary>
    public static IEnumerable<string> InputsIn(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(path => Path.GetExtension(path).ToLowerInvariant() is ".csv" or ".xlsx")
            .Where(path => !Path.GetFileName(path).Contains(".report-", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    /// <returns>Where the file is now; null when there was none.</returns>
    private string? MoveInto(string destination, string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        Directory.CreateDirectory(destination);
        var target = Path.Combine(destination, Path.GetFileName(path));
        if (File.Exists(target))
        {
            // Last week's file of the same name: keep both.
            target = Path.Combine(destination, $"{Path.GetFileNameWithoutExtension(path)}.{ReportWriters.Stamp(time.GetUtcNow())}{Path.GetExtension(path)}");
        }

        File.Move(path, target);
        return target;
    }
}
