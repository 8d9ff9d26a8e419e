namespace LinerBulkUpdater.Leads;

/// <summary>One non-blank data row of an input file, as read: nothing trimmed, nothing validated.</summary>
/// <param name="SourceRow">
/// 1-based position among the rows after the header, as a spreadsheet shows it (Excel row − 1).
/// Blank rows are not yielded but still count, so the number matches what the user sees.
/// </param>
/// <param name="Line">1-based physical line (CSV) or sheet row (XLSX) where the row starts, for messages like "line 17".</param>
/// <param name="Cells">The cell texts, untrimmed, as many as the row has: fewer or more than the header is for the caller to judge.</param>
/// <param name="Kinds">What each cell held, for typed sources (XLSX); null means every cell is text.</param>
internal sealed record RawRow(int SourceRow, long Line, string[] Cells, CellKind[]? Kinds = null)
{
    public CellKind KindOf(int index) => Kinds is { } kinds && index < kinds.Length ? kinds[index] : CellKind.Text;
}
