using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Operating;

/// <summary>The files a run writes row by row, opened before its first update: one that cannot be made is exit 2, nothing sent.</summary>
internal static class RunFiles
{
    /// <param name="matched">A <c>--match-by</c> run: the report names each row's matched lead.</param>
    public static IReportWriter OpenReport(string reportPath, IRowSource source, bool matched = false)
    {
        try
        {
            return ReportWriters.Create(reportPath, source.Header, source is CsvRowSource csv ? csv.Delimiter : ',', matched);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--report {reportPath}: cannot be written: {exception.Message.ReplaceLineEndings(" ")}");
        }
    }

    public static UndoFile OpenUndo(string undoPath, ColumnMap columns, FieldRules rules, string inputPath)
    {
        try
        {
            // The map's order: the API's fields, then the custom ones.
            return new UndoFile(undoPath, [.. columns.Fields.Select(column => column.Field)], rules, Path.GetFileName(inputPath));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--undo {undoPath}: cannot be written: {exception.Message.ReplaceLineEndings(" ")}");
        }
    }
}
