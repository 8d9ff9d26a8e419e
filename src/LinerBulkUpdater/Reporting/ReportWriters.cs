namespace LinerBulkUpdater.Reporting;

/// <summary>Opens the report its path calls for: a workbook for <c>.xlsx</c>, CSV otherwise.</summary>
internal static class ReportWriters
{
    /// <param name="inputHeader">The input's header: its columns follow the report's own.</param>
    /// <param name="delimiter">For a CSV report: the input's own delimiter, so it opens in the same Excel.</param>
    public static IReportWriter Create(string path, IReadOnlyList<string> inputHeader, char delimiter) =>
        IsWorkbook(path) ? new XlsxReportWriter(path, inputHeader) : new CsvReportWriter(path, inputHeader, delimiter);

    public static bool IsWorkbook(string path) => Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase);
}
