namespace LinerBulkUpdater.Input;

/// <summary>What a spreadsheet cell held, where the file says (CSV cells are all <see cref="Text"/>).</summary>
internal enum CellKind
{
    /// <summary>Text, or a cell with nothing to say about its type.</summary>
    Text,
    /// <summary>A number cell; its text is the number in invariant form, no exponent, no trailing <c>.0</c>.</summary>
    Number,
    /// <summary>A date cell; its text is the local date-time in ISO 8601 with no offset (<c>2026-12-01T10:00:00</c>).</summary>
    Date,
    /// <summary>A TRUE/FALSE cell: no field takes one.</summary>
    Boolean,
    /// <summary>An error cell such as <c>#N/A</c>; its text is the error.</summary>
    Error,
}

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
