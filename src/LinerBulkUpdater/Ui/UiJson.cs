using System.Text.Json;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Leads;
using Microsoft.AspNetCore.Http;

namespace LinerBulkUpdater.Ui;

/// <summary>The page's JSON, written field by field (no reflection: the single file is trimmed).</summary>
internal static class UiJson
{
    public static async Task WriteAsync(HttpResponse response, Action<Utf8JsonWriter> write, int status = StatusCodes.Status200OK)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        await response.Body.WriteAsync(buffer.ToArray());
    }

    public static Task ErrorAsync(HttpResponse response, int status, string error) =>
        WriteAsync(response, json => json.WriteString("error", error), status);

    /// <summary>A run as the page shows it: where it is, what check and the preview found, its progress, its end, its files.</summary>
    public static void Run(Utf8JsonWriter json, UiRun run, IReadOnlyList<string> files)
    {
        json.WriteString("id", run.Id);
        json.WriteString("input", Path.GetFileName(run.InputPath));
        json.WriteString("kind", run.Kind);
        json.WriteString("of", run.Of);
        json.WriteString("phase", run.Phase.PageName());
        json.WriteString("refusal", run.Refusal);
        json.WriteStartArray("check");
        foreach (var (label, text) in run.CheckLines)
        {
            json.WriteStartArray();
            json.WriteStringValue(label);
            json.WriteStringValue(text);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        if (run.Preview is { } preview)
        {
            json.WriteStartObject("preview");
            Preview(json, preview);
            json.WriteEndObject();
        }

        if (run.Choices is { } choices)
        {
            json.WriteStartObject("choices");
            json.WriteNumber("rps", choices.Rps);
            json.WriteNumber("concurrency", choices.Concurrency);
            json.WriteBoolean("undo", choices.Undo);
            json.WriteBoolean("verify", choices.Verify);
            json.WriteBoolean("liveDiff", choices.LiveDiff);
            json.WriteEndObject();
        }

        if (run.Progress is { } progress)
        {
            json.WriteStartObject("progress");
            json.WriteNumber("done", progress.Done);
            json.WriteNumber("total", progress.Total);
            json.WriteNumber("rowsPerSecond", Math.Round(progress.RowsPerSecond, 1));
            json.WriteNumber("secondsLeft", Math.Round(progress.Left.TotalSeconds));
            Counts(json, "outcomes", progress.Outcomes);
            if (progress.LimitFound is { } limit)
            {
                json.WriteNumber("limitFound", Math.Round(limit, 1));
            }

            json.WriteBoolean("paused", progress.Paused);
            json.WriteBoolean("stopping", run.Stop?.IsStopped == true);
            json.WriteEndObject();
        }

        if (run.Summary is { } summary)
        {
            json.WriteStartObject("summary");
            json.WriteNumber("exitCode", summary.ExitCode);
            json.WriteNumber("rows", summary.Counts.Total);
            Counts(json, "outcomes", Enum.GetValues<Outcome>().ToDictionary(outcome => outcome.ToReportName(), outcome => summary.Counts[outcome]));
            json.WriteString("report", Path.GetFileName(summary.ReportPath));
            json.WriteString("stopReason", summary.StopReason);
            if (summary.RateLimitFound is { } found)
            {
                json.WriteNumber("limitFound", Math.Round(found, 1));
            }

            json.WriteEndObject();
        }

        Files(json, files);
        var log = run.LogText;
        json.WriteString("log", log.Length > 6000 ? log[^6000..] : log);
    }

    public static void Files(Utf8JsonWriter json, IReadOnlyList<string> files)
    {
        json.WriteStartArray("files");
        foreach (var name in files)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("kind", KindOf(name));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void Rows(Utf8JsonWriter json, string name, IEnumerable<PreviewRow> rows)
    {
        json.WriteStartArray(name);
        foreach (var row in rows)
        {
            json.WriteStartObject();
            json.WriteNumber("row", row.SourceRow);
            json.WriteString("lead", row.LeadId);
            json.WriteString("outcome", row.Outcome);
            json.WriteString("changes", row.Changes);
            json.WriteString("error", row.Error);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>What a file of a run's folder is, by the names the run gives its files.</summary>
    public static string KindOf(string name) =>
        name.Contains(".report-", StringComparison.Ordinal) ? "report"
        : name.Contains(".preview-", StringComparison.Ordinal) ? "preview"
        : name.Contains(".undo-", StringComparison.Ordinal) ? "undo"
        : name == "summary.json" ? "summary"
        : "input";

    private static void Preview(Utf8JsonWriter json, PreviewFacts preview)
    {
        json.WriteString("report", preview.Report);
        json.WriteNumber("rows", preview.Rows);
        Counts(json, "outcomes", preview.Outcomes);
        Pairs(json, "fields", preview.Fields);
        Pairs(json, "statuses", preview.Statuses);
        Rows(json, "invalid", preview.Invalid);
    }

    private static void Counts(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, int> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in counts)
        {
            json.WriteNumber(key, value);
        }

        json.WriteEndObject();
    }

    private static void Pairs(Utf8JsonWriter json, string name, IReadOnlyList<KeyValuePair<string, int>> pairs)
    {
        json.WriteStartArray(name);
        foreach (var (key, value) in pairs)
        {
            json.WriteStartArray();
            json.WriteStringValue(key);
            json.WriteNumberValue(value);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }
}
