using System.Text.Json;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Reporting;

/// <summary><c>--summary-json PATH</c>: how the run went, for monitoring scheduled runs; written once, when the run is over.</summary>
internal static class SummaryJson
{
    public static void Write(string path, RunSummary summary)
    {
        using var file = File.Create(path);
        Write(file, summary);
    }

    /// <summary>The same JSON into a stream: what a webhook is sent (Notifying).</summary>
    public static void Write(Stream stream, RunSummary summary)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        WriteRun(json, summary, Path.GetFullPath(summary.InputPath), Path.GetFullPath(summary.ReportPath));
        json.WriteEndObject();
    }

    /// <summary>
    /// A folder run as a whole: its exit code is the process's, its outcomes are every file's together,
    /// and each file it took is listed, refused ones (exit 2) with the reason.
    /// </summary>
    public static void Write(string path, FolderSummary folder)
    {
        using var file = File.Create(path);
        Write(file, folder);
    }

    public static void Write(Stream stream, FolderSummary folder)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("folder", Path.GetFullPath(folder.Folder));
        json.WriteNumber("exitCode", folder.ExitCode);
        json.WriteString("started", folder.Started);
        json.WriteString("finished", folder.Finished);
        json.WriteNumber("durationSeconds", Math.Round((folder.Finished - folder.Started).TotalSeconds, 3));
        var summaries = folder.Files.Select(each => each.Summary).OfType<RunSummary>().ToList();
        json.WriteNumber("rows", summaries.Sum(summary => summary.Counts.Total));
        WriteOutcomes(json, outcome => summaries.Sum(summary => summary.Counts[outcome]));
        json.WriteStartArray("files");
        foreach (var each in folder.Files)
        {
            json.WriteStartObject();
            if (each.Summary is { } summary)
            {
                WriteRun(json, summary, Path.GetFullPath(each.MovedTo), each.ReportMovedTo is { } report ? Path.GetFullPath(report) : null);
            }
            else
            {
                json.WriteString("input", Path.GetFullPath(each.MovedTo));
                json.WriteNumber("exitCode", each.ExitCode);
                json.WriteString("error", each.Refusal);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// A run that ended with no summary of its own (refused up front, exit 2; or failed unexpectedly, exit 3): never
    /// written to <c>--summary-json</c>, whose file a refused run leaves alone, only sent to a webhook. The shape of a
    /// folder's refused file, with its times.
    /// </summary>
    /// <param name="input">The input file or folder, as given; null when there was none.</param>
    public static void WriteRefused(Stream stream, string? input, int exitCode, string error, DateTimeOffset started, DateTimeOffset finished)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("input", input is null ? null : Path.GetFullPath(input));
        json.WriteNumber("exitCode", exitCode);
        json.WriteString("started", started);
        json.WriteString("finished", finished);
        json.WriteNumber("durationSeconds", Math.Round((finished - started).TotalSeconds, 3));
        json.WriteString("error", error);
        json.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter json, RunSummary summary, string input, string? report)
    {
        json.WriteString("input", input);
        json.WriteString("report", report);
        json.WriteNumber("exitCode", summary.ExitCode);
        json.WriteString("started", summary.Started);
        json.WriteString("finished", summary.Finished);
        json.WriteNumber("durationSeconds", Math.Round((summary.Finished - summary.Started).TotalSeconds, 3));
        json.WriteNumber("rows", summary.Counts.Total);
        WriteOutcomes(json, outcome => summary.Counts[outcome]);
        json.WriteNumber("requestsSavedByBaseline", summary.SavedByBaseline);
        json.WriteStartObject("rateLimit");
        if (summary.RateLimitFound is { } ceiling)
        {
            json.WriteNumber("foundPerSecond", Math.Round(ceiling, 1));
        }
        else
        {
            json.WriteNull("foundPerSecond");
        }

        json.WriteNumber("throttled", summary.Throttled);
        var shared = summary.Sharing ?? KeySharing.Alone;
        json.WriteNumber("runsOnKeyAtMost", shared.MostRuns);
        json.WriteNumber("sharedSeconds", Math.Round(shared.SharedSeconds, 1));
        json.WriteNumber("share", Math.Round(shared.Share, 2));
        json.WriteNumber("sharedOutsideSeconds", Math.Round(shared.OutsideSeconds, 1));
        json.WriteNumber("shareOutside", Math.Round(shared.OutsideShare, 2));
        json.WriteEndObject();
        json.WriteString("stopReason", summary.StopReason);
    }

    /// <summary>Rows for every outcome, zeros included, so a monitor never has to guess a missing key.</summary>
    private static void WriteOutcomes(Utf8JsonWriter json, Func<Outcome, int> rows)
    {
        json.WriteStartObject("outcomes");
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            json.WriteNumber(outcome.ToReportName(), rows(outcome));
        }

        json.WriteEndObject();
    }
}
