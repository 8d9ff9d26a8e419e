using System.CommandLine;
using System.Globalization;
using System.Text;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Cli;

/// <summary><c>liner-bulk fields</c>: Liner's custom fields of leads (id, title, type, options), the columns an input may add.</summary>
internal static class FieldsCommand
{
    public static Command Create(CliHost host) =>
        LinerLists.Command(host, "fields", "Print Liner's custom fields of leads: the ids, titles, types and options custom columns take.", "custom fields",
            async (sender, liner) => Table(await CustomFieldList.ReadAsync(sender, liner.CustomFieldListPath)));

    /// <summary>Aligned columns of the fields of leads; a title two of them share is marked, since a column with it is refused.</summary>
    public static string Table(CustomFields custom)
    {
        var fields = custom.OfLeads.ToList();
        if (fields.Count == 0)
        {
            return "Liner has no custom fields of leads." + Environment.NewLine;
        }

        string[] heading = ["id", "title", "type", "options (title = code)"];
        var rows = fields.Select(field => new[]
        {
            field.Id.ToString(CultureInfo.InvariantCulture), field.Title, field.TypeName,
            string.Join(", ", field.Options.Select(option => option.Title == option.Code ? option.Code : $"{option.Title} = {option.Code}")),
        }).ToList();
        var widths = heading.Select((name, i) => rows.Select(row => row[i].Length).Append(name.Length).Max()).ToArray();
        var shared = fields.GroupBy(field => field.Title.Trim(), StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1).Select(group => group.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(heading))
        {
            text.Append(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
            if (!ReferenceEquals(row, heading) && shared.Contains(row[1]))
            {
                text.Append($"   (title shared: name the column custom:{row[0]})");
            }

            text.Append(Environment.NewLine);
        }

        return text.Append("A column takes a field by its title or as custom:<id>.").Append(Environment.NewLine).ToString();
    }
}
