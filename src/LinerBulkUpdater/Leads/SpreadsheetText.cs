namespace LinerBulkUpdater.Leads;

/// <summary>
/// How the tool's own CSV files (reports, undo files) keep a cell from running as a formula in a spreadsheet, and how
/// it reads them back exactly: a cell that starts like a formula (<c>=</c> <c>+</c> <c>-</c> <c>@</c>, tab, CR) gets a
/// leading apostrophe, which Excel reads as "this is text". Here, not with the report writers, because reading a report
/// or an undo file back as input (<see cref="LeadRowParser"/>) must undo it.
/// </summary>
internal static class SpreadsheetText
{
    /// <summary>
    /// Text a spreadsheet opening a CSV file cannot run as a formula: one apostrophe before text that starts like
    /// one. Text that already starts with apostrophes and then like a formula gets one more, so that
    /// <see cref="Restore"/> gives back exactly what was there, a leading apostrophe of its own included.
    /// </summary>
    public static string Inert(string text) => StartsLikeFormula(text) ? "'" + text : text;

    /// <summary>Undoes <see cref="Inert"/>: the text as it was before it went into a CSV file.</summary>
    public static string Restore(string text) =>
        text.Length > 1 && text[0] == '\'' && StartsLikeFormula(text.AsSpan(1)) ? text[1..] : text;

    private static bool StartsLikeFormula(ReadOnlySpan<char> text)
    {
        var rest = text.TrimStart('\'');
        return rest.Length > 0 && rest[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }
}
