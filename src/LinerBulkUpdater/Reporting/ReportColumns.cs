namespace LinerBulkUpdater.Reporting;

/// <summary>The columns the report puts before the input's own, recognised and ignored when a report is fed back as input.</summary>
internal static class ReportColumns
{
    public const string SourceRow = "source_row";
    public const string Outcome = "outcome";
    public const string HttpStatus = "http_status";
    public const string Attempts = "attempts";
    public const string Error = "error";

    public static readonly IReadOnlyList<string> Names = [SourceRow, Outcome, HttpStatus, Attempts, Error];

    public static bool IsReportColumn(string header) =>
        Names.Contains(header, StringComparer.OrdinalIgnoreCase);
}
