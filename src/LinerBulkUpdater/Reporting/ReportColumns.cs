namespace LinerBulkUpdater.Reporting;

/// <summary>The columns the report puts before the input's own, recognised and ignored when a report is fed back as input.</summary>
internal static class ReportColumns
{
    public const string SourceRow = "source_row";
    public const string Outcome = "outcome";
    public const string HttpStatus = "http_status";
    public const string Attempts = "attempts";
    public const string Error = "error";

    /// <summary>What the run changed or would change, e.g. <c>status: 2 → 3</c>; reports written before it existed lack it.</summary>
    public const string Changes = "changes";

    public static readonly IReadOnlyList<string> Names = [SourceRow, Outcome, HttpStatus, Attempts, Error, Changes];

    /// <summary>Columns an input may have that map to no field: the report's own, and the undo file's <see cref="UndoFile.SourceColumn"/>.</summary>
    public static readonly IReadOnlyList<string> Recognised = [.. Names, UndoFile.SourceColumn];

    public static bool IsReportColumn(string header) =>
        Names.Contains(header, StringComparer.OrdinalIgnoreCase);
}
