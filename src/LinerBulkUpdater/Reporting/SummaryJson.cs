using System.Text.Json;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Reporting;

/// <summary><c>--summary-json PATH</c>: the run's outcome for monitoring scheduled runs.</summary>
internal static class SummaryJson
{
    public static void Write(string path, RunSummary summary)
    {
        using var file = File.Create(path);
        using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("input", Path.GetFullPath(summary.InputPath));
        json.WriteString("report", Path.GetFullPath(summary.ReportPath));
        json.WriteNumber("exitCode", summary.ExitCode);
        json.WriteString("started", summary.Started);
        json.WriteString("finished", summary.Finished);
        json.WriteNumber("durationSeconds", Math.Round((summary.Finished - summary.Started).TotalSeconds, 3));
        json.WriteNumber("rows", summary.Counts.Total);
        json.WriteStartObject("outcomes");
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            json.WriteNumber(outcome.ToReportName(), summary.Counts[outcome]);
        }

        json.WriteEndObject();
        json.WriteNumber("requestsSavedByBaseline", summary.SavedByBaseline);
        if (summary.StopReason is { } reason)
        {
            json.WriteString("stopReason", reason);
        }
        else
        {
            json.WriteNull("stopReason");
        }

        json.WriteEndObject();
    }
}
