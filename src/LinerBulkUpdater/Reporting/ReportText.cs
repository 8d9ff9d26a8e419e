namespace LinerBulkUpdater.Reporting;

/// <summary>
/// Makes text fit for a report cell that Excel will open: the server's messages are not ours to
/// trust. A cell that starts like a formula (<c>=</c> <c>+</c> <c>-</c> <c>@</c>, tab, CR) gets a
/// leading apostrophe, which Excel reads as "this is text"; line breaks become spaces; and a page
/// of HTML from a proxy is cut short.
/// </summary>
internal static class ReportText
{
    public const int MaxLength = 500;

    /// <summary>Server text for a report cell: cut, on one line, and <see cref="Inert"/>.</summary>
    public static string Safe(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var flat = text.Length > MaxLength ? string.Concat(text.AsSpan(0, MaxLength), "…") : text;
        if (flat.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            flat = flat.ReplaceLineEndings(" ");
        }

        return Inert(flat);
    }

    /// <summary>
    /// Text a spreadsheet opening a CSV file cannot run as a formula: one apostrophe before text that starts like
    /// one. Text that already starts with apostrophes and then like a formula gets one more, so that
    /// <see cref="Restore"/> gives back exactly what was there, a leading apostrophe of its own included.
    /// </summary>
    public static string Inert(string text) => StartsLikeFormula(text) ? "'" + text : text;

    /// <summary>Undoes <see cref="Inert"/>: the text as it was before it went into a CSV report.</summary>
    public static string Restore(string text) =>
        text.Length > 1 && text[0] == '\'' && StartsLikeFormula(text.AsSpan(1)) ? text[1..] : text;

    private static bool StartsLikeFormula(ReadOnlySpan<char> text)
    {
        var rest = text.TrimStart('\'');
        return rest.Length > 0 && rest[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }
}
