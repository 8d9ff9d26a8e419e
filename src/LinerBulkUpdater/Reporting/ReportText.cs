using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Reporting;

/// <summary>
/// Makes text fit for a report cell that Excel will open: the server's messages are not ours to
/// trust. A cell that starts like a formula is made <see cref="SpreadsheetText.Inert"/>; line breaks
/// become spaces; and a page of HTML from a proxy is cut short.
/// </summary>
internal static class ReportText
{
    public const int MaxLength = 500;

    /// <summary>Server text for a report cell: cut, on one line, and <see cref="SpreadsheetText.Inert"/>.</summary>
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

        return SpreadsheetText.Inert(flat);
    }
}
