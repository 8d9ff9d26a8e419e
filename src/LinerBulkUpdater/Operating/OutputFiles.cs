using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// The files a run writes, checked together before anything is sent: none of them is a file the run reads
/// (the input, the report it resumes from, the baseline, the settings file) or another of them — compared by <see cref="FileIdentity"/>, so no symbolic or hard link hides one — none is a folder,
/// and each can be written where it is to go. A refusal is one line naming the option and the path.
/// </summary>
internal static class OutputFiles
{
    /// <param name="reads">Each file the run reads, with the option (or the name) the user knows it by; the input first.</param>
    /// <param name="outputs">Each file the run will write, likewise.</param>
    /// <exception cref="UsageException">An output would destroy a file the run reads or another output, or cannot be written.</exception>
    public static void Check(IReadOnlyList<(string Option, string Path)> reads, IReadOnlyList<(string Option, string Path)> outputs)
    {
        for (var i = 0; i < outputs.Count; i++)
        {
            var (option, path) = outputs[i];
            var full = FullPath(option, path);
            foreach (var (name, read) in reads)
            {
                if (IsSameFile(full, read))
                {
                    throw new UsageException(name == "the input"
                        ? $"{option} {path} is the input itself (or a link to it); writing it would destroy the input"
                        : $"{option} {path} is {name} {read} (or a link to it); writing it would destroy that file");
                }
            }

            for (var j = 0; j < i; j++)
            {
                if (IsSameFile(full, outputs[j].Path))
                {
                    throw new UsageException($"{option} {path} is the same file as {outputs[j].Option} {outputs[j].Path}; give each its own");
                }
            }

            CheckWritable(option, path, full);
        }
    }

    /// <summary>The files one file's run reads: the input, the report it resumes from (or that report's sidecar), the baseline, the settings file.</summary>
    public static List<(string Option, string Path)> ReadBy(Planning.RunOptions request)
    {
        var reads = new List<(string, string)> { ("the input", request.InputPath!) };
        if (request.ResumePath is { } resume)
        {
            reads.Add(("--resume", resume));
            reads.Add(("--resume", XlsxReportWriter.SidecarOf(resume)));
        }

        if (request.BaselinePath is { } baseline)
        {
            reads.Add(("--baseline", baseline));
        }

        if (request.ConfigPath is { } config)
        {
            reads.Add(("--config", config));
        }

        return reads;
    }

    /// <summary>The outputs of one file's run: its report (and, for a workbook, the sidecar its rows go to first) and <c>--summary-json</c>.</summary>
    public static List<(string Option, string Path)> Of(string reportPath, string? summaryJsonPath)
    {
        var outputs = new List<(string, string)> { ("--report", reportPath) };
        if (ReportWriters.IsWorkbook(reportPath))
        {
            outputs.Add(("the report's sidecar", XlsxReportWriter.SidecarOf(reportPath)));
        }

        if (summaryJsonPath is not null)
        {
            outputs.Add(("--summary-json", summaryJsonPath));
        }

        return outputs;
    }

    private static bool IsSameFile(string one, string other)
    {
        try
        {
            return string.Equals(Path.GetFullPath(one), Path.GetFullPath(other), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
                || FileIdentity.Same(one, other);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            // A name no file can have is no file of the user's; the file's own reader says what is wrong with it.
            return false;
        }
    }

    private static string FullPath(string option, string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{option} {path}: not a valid file name");
        }
    }

    /// <summary>Found now rather than after every row was sent: a missing or read-only folder, a folder in the file's place, a read-only file.</summary>
    private static void CheckWritable(string option, string path, string full)
    {
        if (Directory.Exists(full))
        {
            throw new UsageException($"{option} {path} is a folder; give a file name");
        }

        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"{option} {path}: the folder does not exist");
        }

        try
        {
            if (File.Exists(full))
            {
                // Opened for writing and closed again, untouched: FileMode.Open neither creates nor truncates.
                using var existing = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            }
            else
            {
                using var probe = new FileStream(
                    Path.Combine(folder, $".liner-bulk-probe-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {path}: permission denied; the run could not write it");
        }
        catch (IOException exception)
        {
            throw new UsageException($"{option} {path}: cannot be written: {exception.Message.ReplaceLineEndings(" ")}");
        }
    }
}
