namespace LinerBulkUpdater.Reporting;

/// <summary>The columns the report puts before the input's own, recognised and ignored when a report is fed back as input.</summary>
internal static class ReportColumns
{
    public static readonly IReadOnlyList<string> Names = ["source_row", "outcome", "http_status", "attempts", "error"];

    public static bool IsReportColumn(string header) =>
        Names.Contains(header, StringComparer.OrdinalIgnoreCase);
}
