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

    /// <summary>In a <c>--match-by</c> run's report only, after <see cref="Changes"/>: the lead the row's key found.</summary>
    public const string MatchedLeadId = "matched_lead_id";

    /// <summary>An export's readable title of the lead's status, beside its id in <c>status</c> (CONTRACT §8).</summary>
    public const string StatusTitle = "status_title";

    /// <summary>
    /// Columns an input may have that map to no field: the report's own, the undo file's <see cref="UndoFile.SourceColumn"/>
    /// and <see cref="UndoFileFormat.Column"/>, and an export's <see cref="StatusTitle"/>.
    /// </summary>
    public static readonly IReadOnlyList<string> Recognised = [.. Names, MatchedLeadId, UndoFile.SourceColumn, UndoFileFormat.Column, StatusTitle];

    /// <summary>
    /// The columns of <paramref name="header"/> to ignore: the recognised ones, when the file is a report (it has
    /// <see cref="Outcome"/>), an undo file or an export (<see cref="StatusTitle"/>); in any other input an <c>error</c>
    /// column is data like any other, which must map (to a custom field so titled, say) or stop the run, never be dropped
    /// without a word.
    /// </summary>
    /// <remarks>An undo file's <see cref="UndoFileFormat.SetPrefix"/> columns are the guard's (<see cref="Operating.UndoGuard"/>), not fields to set.</remarks>
    public static IReadOnlyList<string> IgnoredIn(IReadOnlyList<string> header) =>
        UndoFile.IsUndoFile(header) ? [.. Recognised, .. header.Where(UndoFileFormat.IsSetColumn)]
        : header.Contains(Outcome, StringComparer.OrdinalIgnoreCase) || header.Contains(StatusTitle, StringComparer.OrdinalIgnoreCase) ? Recognised
        : [];

    public static bool IsReportColumn(string header) =>
        Names.Contains(header, StringComparer.OrdinalIgnoreCase) || string.Equals(header, MatchedLeadId, StringComparison.OrdinalIgnoreCase);
}
