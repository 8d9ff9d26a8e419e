using System.CommandLine;
using System.Globalization;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Cli;

/// <summary><c>liner-bulk fields</c>: Liner's custom fields of leads (id, title, type, options), the columns an input may add.</summary>
internal static class FieldsCommand
{
    public static Command Create(CliHost host) =>
        LinerLists.Command(host, "fields", "Print Liner's custom fields of leads: the ids, titles, types and options custom columns take.", "custom fields",
            async (sender, liner) => Table(await CustomFieldList.ReadAsync(sender, liner.CustomFieldListPath)));

    // Set by the v2 update as the custom values are, though they are no custom fields: said where a user looks for those.
    private static string IntegrationIds =>
        $"The integration ids {string.Join(", ", LeadFields.IntegrationIds.Select(id => id.Name))} are columns too (the v2 update sets them)." + Environment.NewLine;

    /// <summary>Aligned columns of the fields of leads; a title two of them share is marked, since a column with it is refused.</summary>
    public static string Table(CustomFields custom)
    {
        var fields = custom.OfLeads.ToList();
        if (fields.Count == 0)
        {
            return "Liner has no custom fields of leads." + Environment.NewLine + IntegrationIds;
        }

        var rows = fields.Select(field => new[]
        {
            field.Id.ToString(CultureInfo.InvariantCulture), field.Title, field.TypeName,
            string.Join(", ", field.Options.Select(option => option.Title == option.Code ? option.Code : $"{option.Title} = {option.Code}")),
        }).ToList();
        var shared = fields.GroupBy(field => field.Title.Trim(), StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1).Select(group => group.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var table = LinerLists.Table(["id", "title", "type", "options (title = code)"], rows,
            n => shared.Contains(rows[n][1]) ? $"   (title shared: name the column custom:{rows[n][0]})" : null);
        return table + "A column takes a field by its title or as custom:<id>." + Environment.NewLine + IntegrationIds;
    }
}
