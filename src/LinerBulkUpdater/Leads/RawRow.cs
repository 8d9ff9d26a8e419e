namespace LinerBulkUpdater.Leads;

/// <summary>One non-blank data row of an input file, as read: nothing trimmed, nothing validated.</summary>
/// <param name="SourceRow">
/// 1-based position among the rows after the header, as a spreadsheet shows it (Excel row − 1).
/// Blank rows are not yielded but still count, so the number matches what the user sees.
/// </param>
/// <param name="Line">1-based physical line (CSV) or sheet row (XLSX) where the row starts, for messages like "line 17".</param>
/// <param name="Cells">The cell texts, untrimmed, as many as the row has: fewer or more than the header is for the caller to judge.</param>
/// <param name="Kinds">What each cell held, for typed sources (XLSX); null means every cell is text.</param>
/// <param name="FromWorkbook">
/// The cells come from a workbook, where text is inert. A CSV report must neutralise them (a text cell
/// <c>=HYPERLINK(…)</c> would be a live formula there); a CSV's cells are the user's own text and are written as they were.
/// </param>
internal sealed record RawRow(int SourceRow, long Line, string[] Cells, CellKind[]? Kinds = null, bool FromWorkbook = false)
{
    /// <summary>In a <c>--match-by</c> run, the lead the row's key found (<see cref="RowTriage"/> sets it), for the report.</summary>
    public long? MatchedLeadId { get; init; }

    public CellKind KindOf(int index) => Kinds is { } kinds && index < kinds.Length ? kinds[index] : CellKind.Text;

    /// <summary>The cell at a 0-based column of this row as a spreadsheet names it: <c>E5</c>.</summary>
    public string CellName(int index) => $"{ColumnLetters(index)}{Line}";

    /// <summary>A spreadsheet's name for a 0-based column index: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnLetters(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }

        return name;
    }
}
