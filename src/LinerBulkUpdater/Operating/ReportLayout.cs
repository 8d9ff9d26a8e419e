using LinerBulkUpdater.Input;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// Where an earlier report keeps what <c>--resume</c> needs, found once from its header, which is also checked
/// to be this input's: the report writer puts its own columns first, then the input's as read, minus any
/// report columns of an input that was itself a report.
/// </summary>
internal sealed record ReportLayout(int SourceRowColumn, int OutcomeColumn, int ErrorColumn, int LeadIdColumn)
{
    public const string DoesNotBelong = "this report does not belong to this input";

    /// <exception cref="UsageException">The header is not a report's, or not a report of an input with <paramref name="inputHeader"/>.</exception>
    public static ReportLayout Of(string reportPath, IReadOnlyList<string> reportHeader, IReadOnlyList<string> inputHeader, string leadIdHeader)
    {
        var sourceRow = Required(reportPath, reportHeader, ReportColumns.Names[0]);
        var outcome = Required(reportPath, reportHeader, ReportColumns.Names[1]);
        var error = HeaderCells.IndexOf(reportHeader, ReportColumns.Names[4]);

        var theirs = reportHeader.Where(name => !ReportColumns.IsReportColumn(name)).ToList();
        var ours = inputHeader.Where(name => !ReportColumns.IsReportColumn(name)).ToList();
        for (var i = 0; i < Math.Max(theirs.Count, ours.Count); i++)
        {
            if (i >= theirs.Count || i >= ours.Count || !theirs[i].Equals(ours[i], StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException(
                    $"{reportPath}: its input columns are not this input's (column {i + 1} is {Describe(theirs, i)} there, {Describe(ours, i)} here); {DoesNotBelong}");
            }
        }

        // The columns match, so only an input without this column (which the run refuses anyway) gets here without it.
        var leadId = HeaderCells.IndexOf(reportHeader, leadIdHeader);
        if (leadId < 0)
        {
            throw new UsageException($"{reportPath}: no '{leadIdHeader}' column; {DoesNotBelong}");
        }

        return new ReportLayout(sourceRow, outcome, error, leadId);
    }

    private static int Required(string reportPath, IReadOnlyList<string> header, string name)
    {
        var index = HeaderCells.IndexOf(header, name);
        if (index < 0)
        {
            throw new UsageException($"{reportPath}: no '{name}' column, so it is not a report of this tool; --resume takes the report of an earlier run of this input");
        }

        return index;
    }

    private static string Describe(List<string> columns, int index) => index < columns.Count ? $"'{columns[index]}'" : "missing";
}
