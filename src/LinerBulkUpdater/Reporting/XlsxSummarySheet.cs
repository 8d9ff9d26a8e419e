using System.Globalization;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Reporting;

/// <summary>
/// The "Summary" sheet: what only the end of a run knows. Two columns, three blocks: rows by outcome
/// (every outcome, zeros too, so a script can read a fixed layout), the run, and its settings.
/// </summary>
internal static class XlsxSummarySheet
{
    public const string Name = "Summary";

    public static void Write(RunSummary summary, Stream part)
    {
        using var sheet = new XlsxSheetWriter(part, [24, 80], columnStyles: null, freezeHeader: false, selected: false);
        Heading(sheet, "outcome", "rows");
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            Line(sheet, outcome.ToReportName(), summary.Counts[outcome]);
        }

        Line(sheet, "total", summary.Counts.Total);

        sheet.StartRow();
        Heading(sheet, "run", "");
        Line(sheet, "input file", summary.InputPath);
        Line(sheet, "report file", summary.ReportPath);
        Line(sheet, "started (UTC)", Iso(summary.Started));
        Line(sheet, "finished (UTC)", Iso(summary.Finished));
        Line(sheet, "duration", Duration(summary.Finished - summary.Started));
        Line(sheet, "exit code", summary.ExitCode);
        Line(sheet, "stop reason", summary.StopReason ?? "");
        Line(sheet, "Liner's rate limit found (requests/s)", summary.RateLimitFound is { } ceiling ? ceiling.ToString("0.#", CultureInfo.InvariantCulture) : "none found");
        Line(sheet, "requests answered 429", summary.Throttled);
        var shared = summary.Sharing ?? KeySharing.Alone;
        Line(sheet, "key shared with runs on this machine", shared.Shared
            ? string.Create(CultureInfo.InvariantCulture, $"{shared.SharedSeconds:0} s, up to {shared.MostRuns} runs at once; this run's part about {shared.Share * 100:0}%")
            : "no");
        Line(sheet, "key used by others too (from Liner's 429s)", shared.SharedOutside
            ? string.Create(CultureInfo.InvariantCulture, $"{shared.OutsideSeconds:0} s; this run's part of the limit about {shared.OutsideShare * 100:0}%")
            : "not seen");

        sheet.StartRow();
        Heading(sheet, "setting", "value");
        foreach (var (name, value) in summary.Settings)
        {
            Line(sheet, name, value);
        }

        sheet.Finish(autoFilter: null);
    }

    /// <summary>e.g. <c>2026-03-01T09:30:00Z</c>.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Hours past 24 stay hours (<c>26:00:01.500</c>): a long run reads as one number, not days.</summary>
    public static string Duration(TimeSpan duration)
    {
        var span = duration < TimeSpan.Zero ? TimeSpan.Zero : duration;
        return string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours:00}:{span.Minutes:00}:{span.Seconds:00}.{span.Milliseconds:000}");
    }

    private static void Heading(XlsxSheetWriter sheet, string name, string value)
    {
        sheet.StartRow();
        sheet.Text(name, XlsxStyles.Header);
        sheet.Text(value, XlsxStyles.Header);
    }

    private static void Line(XlsxSheetWriter sheet, string name, string value)
    {
        sheet.StartRow();
        sheet.Text(name, XlsxStyles.Text);
        sheet.Text(value, XlsxStyles.Text);
    }

    private static void Line(XlsxSheetWriter sheet, string name, long value)
    {
        sheet.StartRow();
        sheet.Text(name, XlsxStyles.Text);
        sheet.Number(value, XlsxStyles.Plain);
    }
}
