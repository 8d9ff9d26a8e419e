using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Reporting;

/// <summary>Opens the report its path calls for: a workbook for <c>.xlsx</c>, CSV otherwise.</summary>
internal static class ReportWriters
{
    /// <param name="inputHeader">The input's header: its columns follow the report's own.</param>
    /// <param name="delimiter">For a CSV report: the input's own delimiter, so it opens in the same Excel.</param>
    /// <param name="matched">A <c>--match-by</c> run: the report has <see cref="ReportColumns.MatchedLeadId"/>.</param>
    public static IReportWriter Create(string path, IReadOnlyList<string> inputHeader, char delimiter, bool matched = false) =>
        IsWorkbook(path) ? new XlsxReportWriter(path, inputHeader, matched) : new CsvReportWriter(path, inputHeader, delimiter, matched);

    /// <summary>
    /// Where a report goes when no <c>--report</c> says: next to the input, <c>NAME.report-UTCSTAMP.xlsx</c> for a
    /// workbook, <c>.csv</c> otherwise. In the input's own format, so a workbook's cells stay inert text and its user
    /// gets a workbook back.
    /// </summary>
    public static string DefaultPath(string inputPath, DateTimeOffset now)
    {
        var full = Path.GetFullPath(inputPath);
        var extension = Path.GetExtension(full).ToLowerInvariant() is ".xlsx" or ".xlsm" ? ".xlsx" : ".csv";
        return Path.Combine(Path.GetDirectoryName(full)!, $"{Path.GetFileNameWithoutExtension(full)}.report-{Stamp(now)}{extension}");
    }

    /// <summary>A UTC time fit for a file name: <c>20261125T143000Z</c>.</summary>
    public static string Stamp(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsWorkbook(string path) => Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase);
}
