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

        return flat[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + flat : flat;
    }
}
