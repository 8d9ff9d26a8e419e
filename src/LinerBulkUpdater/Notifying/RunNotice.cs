using System.Globalization;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Operating;

namespace LinerBulkUpdater.Notifying;

/// <summary>
/// How a run ended, as its notifications tell it: the summary JSON a webhook gets (the bytes <c>--summary-json</c>
/// writes), and the few facts of a chat message. Built once the run is over, whatever its end.
/// </summary>
/// <param name="Input">The input file or folder as given; null when the run had none.</param>
/// <param name="Outcomes">e.g. <c>40 updated, 2 failed</c>; empty when no row was read.</param>
/// <param name="Why">Why it stopped part-way, or why it was refused; null when it ran to the end.</param>
internal sealed record RunNotice(string? Input, int ExitCode, string Outcomes, string? Report, string? Why, byte[] SummaryJson)
{
    public static RunNotice Of(RunSummary summary) =>
        new(summary.InputPath, summary.ExitCode, summary.Counts.ToString(), Path.GetFullPath(summary.ReportPath), summary.StopReason, Json(stream => Reporting.SummaryJson.Write(stream, summary)));

    /// <summary>A folder's run: its files' outcomes together; why, when some file was refused or stopped.</summary>
    public static RunNotice Of(FolderSummary folder)
    {
        var summaries = folder.Files.Select(file => file.Summary).OfType<RunSummary>().ToList();
        var outcomes = Enum.GetValues<Outcome>()
            .Select(outcome => (Outcome: outcome, Rows: summaries.Sum(summary => summary.Counts[outcome])))
            .Where(each => each.Rows > 0)
            .Select(each => string.Create(CultureInfo.InvariantCulture, $"{each.Rows} {each.Outcome.ToReportName()}"));
        var refused = folder.Files.Count(file => file.Refusal is not null);
        var why = string.Join("; ", new[]
        {
            refused > 0 ? string.Create(CultureInfo.InvariantCulture, $"{refused} of {folder.Files.Count} files refused, the first: {folder.Files.First(file => file.Refusal is not null).Refusal}") : null,
            summaries.Select(summary => summary.StopReason).FirstOrDefault(reason => reason is not null),
        }.OfType<string>());
        var text = string.Join(", ", outcomes);
        return new(
            folder.Folder,
            folder.ExitCode,
            string.Create(CultureInfo.InvariantCulture, $"{folder.Files.Count} files; {(text.Length > 0 ? text : "no rows")}"),
            null,
            why.Length > 0 ? why : null,
            Json(stream => Reporting.SummaryJson.Write(stream, folder)));
    }

    /// <summary>A run with no summary of its own: refused before sending (exit 2) or failed unexpectedly (exit 3).</summary>
    public static RunNotice Ended(string? input, int exitCode, string error, DateTimeOffset started, DateTimeOffset finished) =>
        new(input, exitCode, "", null, error, Json(stream => Reporting.SummaryJson.WriteRefused(stream, input, exitCode, error, started, finished)));

    private static byte[] Json(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }
}
