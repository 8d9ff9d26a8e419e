using LinerBulkUpdater.Cli;
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
    /// <param name="runOne">Runs one file to the given report path; returns its exit code.</param>
    /// <param name="stopped">True once the run was told to stop: files not yet started stay where they are.</param>
    /// <returns>The worst exit code of the files run.</returns>
    public async Task<int> RunAsync(Func<string, string, Task<int>> runOne, Func<bool> stopped)
    {
        // Two scheduled runs over one folder would take the same files: the folder has its lock too.
        using var held = RunLock.Acquire(Path.TrimEndingDirectorySeparator(folder));
        var files = Inputs().ToList();
        log.Information("Folder {Folder}: {Count} files to run", folder, files.Count);
        var codes = new List<int>();
        foreach (var file in files)
        {
            if (stopped())
            {
                break;
            }

            var report = ReportWriters.DefaultPath(file, time.GetUtcNow());
            int exitCode;
            try
            {
                exitCode = await runOne(file, report);
            }
            catch (UsageException exception)
            {
                log.Error("{File}: {Reason}", file, exception.Message);
                exitCode = ExitCodes.Unusable;
            }

            var destination = Path.Combine(folder, exitCode == ExitCodes.Success ? "done" : "failed");
            MoveInto(destination, file);
            MoveInto(destination, report);
            log.Information("{File}: exit {ExitCode}, moved to {Destination}", Path.GetFileName(file), exitCode, destination);
            codes.Add(exitCode);
        }

        return ExitCodes.OfFolder(codes);
    }

    private IEnumerable<string> Inputs() =>
        Directory.EnumerateFiles(folder)
            .Where(path => Path.GetExtension(path).ToLowerInvariant() is ".csv" or ".xlsx")
            .Where(path => !Path.GetFileName(path).Contains(".report-", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    private void MoveInto(string destination, string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(destination);
        var target = Path.Combine(destination, Path.GetFileName(path));
        if (File.Exists(target))
        {
            // Last week's file of the same name: keep both.
            target = Path.Combine(destination, $"{Path.GetFileNameWithoutExtension(path)}.{ReportWriters.Stamp(time.GetUtcNow())}{Path.GetExtension(path)}");
        }

        File.Move(path, target);
    }
}
