using System.CommandLine;
using System.Globalization;
using System.Text;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sending;
using Serilog.Core;

namespace LinerBulkUpdater.Cli;

/// <summary><c>liner-bulk statuses</c>: Liner's lead statuses (id, code, title, category), for people filling a spreadsheet.</summary>
internal static class StatusesCommand
{
    public static Command Create(CliHost host) =>
        LinerLists.Command(host, "statuses", "Print Liner's lead statuses: the ids, codes and titles the status column takes.", "statuses",
            async (sender, liner) => Table(await StatusList.ReadAsync(sender, liner.StatusListPath)));

    /// <summary>The list, read once with the run's retries and rate limit.</summary>
    /// <exception cref="UsageException">No URL or key, or the list could not be read.</exception>
    public static Task<IReadOnlyList<LeadStatus>> ReadAsync(AppSettings settings, TimeProvider time) =>
        LinerLists.ReadAsync(settings, time, sender => StatusList.ReadAsync(sender, settings.Liner.StatusListPath));

    /// <summary>Aligned columns; a title two statuses share is marked, since the status column refuses it.</summary>
    public static string Table(IReadOnlyList<LeadStatus> statuses)
    {
        string[] heading = ["id", "code", "title", "category"];
        var rows = statuses.Select(status => new[] { status.Id.ToString(CultureInfo.InvariantCulture), status.Code, status.Title, status.Category }).ToList();
        var widths = heading.Select((name, i) => rows.Select(row => row[i].Length).Append(name.Length).Max()).ToArray();
        var shared = statuses.GroupBy(status => status.Title.Trim(), StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1).Select(group => group.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(heading))
        {
            var line = string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i])));
            text.Append(line.TrimEnd());
            if (!ReferenceEquals(row, heading) && shared.Contains(row[2]))
            {
                text.Append("   (title shared: write the id or the code)");
            }

            text.Append(Environment.NewLine);
        }

        return statuses.Count == 0 ? "Liner has no lead statuses." + Environment.NewLine : text.ToString();
    }
}
