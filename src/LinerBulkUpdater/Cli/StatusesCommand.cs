using System.CommandLine;
using System.Globalization;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Cli;

/// <summary><c>liner-bulk statuses</c>: Liner's lead statuses (id, code, title, category), for people filling a spreadsheet.</summary>
internal static class StatusesCommand
{
    public static Command Create(CliHost host) =>
        LinerLists.Command(host, "statuses", "Print Liner's lead statuses: the ids, codes and titles the status column takes.", "statuses",
            async (sender, liner) => Table(await StatusList.ReadAsync(sender, liner.StatusListPath)));

    /// <summary>Aligned columns; a title two statuses share is marked, since the status column refuses it.</summary>
    public static string Table(IReadOnlyList<LeadStatus> statuses)
    {
        if (statuses.Count == 0)
        {
            return "Liner has no lead statuses." + Environment.NewLine;
        }

        var rows = statuses.Select(status => new[] { status.Id.ToString(CultureInfo.InvariantCulture), status.Code, status.Title, status.Category }).ToList();
        var shared = statuses.GroupBy(status => status.Title.Trim(), StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1).Select(group => group.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return LinerLists.Table(["id", "code", "title", "category"], rows, n => shared.Contains(rows[n][2]) ? "   (title shared: write the id or the code)" : null);
    }
}
