using System.Text;
using LinerBulkUpdater.Cli;

namespace LinerBulkUpdater.Notifying;

/// <summary>The chat message of a <see cref="RunNotice"/>: plain text, a few lines, the exit code in words (docs/reference.md#exit-codes).</summary>
internal static class NoticeText
{
    // Telegram takes 4096 characters a message; a refusal quoting a long path stays well inside.
    private const int LongestWhy = 1500;

    public static string Of(RunNotice notice)
    {
        var text = new StringBuilder();
        var what = notice.Input is null ? "liner-bulk" : $"liner-bulk: {Path.GetFileName(Path.TrimEndingDirectorySeparator(notice.Input))}";
        text.Append(what).Append(": exit ").Append(notice.ExitCode).Append(", ").Append(Meaning(notice.ExitCode)).AppendLine();
        if (notice.Outcomes.Length > 0)
        {
            text.Append("Rows: ").Append(notice.Outcomes).AppendLine();
        }

        if (notice.Report is { } report)
        {
            text.Append("Report: ").Append(report).AppendLine();
        }

        if (notice.Why is { } why)
        {
            text.Append(notice.ExitCode == ExitCodes.Unusable ? "Refused: " : "Why: ").Append(why.Length > LongestWhy ? why[..LongestWhy] + "…" : why).AppendLine();
        }

        return text.ToString().TrimEnd();
    }

    private static string Meaning(int exitCode) => exitCode switch
    {
        ExitCodes.Success => "done",
        ExitCodes.SomeRowsFailed => "finished; some rows failed or are invalid (see the report)",
        ExitCodes.Unusable => "refused: nothing was sent",
        ExitCodes.Stopped => "stopped part-way",
        _ => "unknown",
    };
}
