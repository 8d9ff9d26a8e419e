using System.CommandLine;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sending;
using LinerBulkUpdater.Templates;

namespace LinerBulkUpdater.Cli;

/// <summary><c>liner-bulk template PATH.xlsx|PATH.csv</c>: an empty input file with every field, documented.</summary>
internal static class TemplateCommand
{
    public static Command Create(CliHost host)
    {
        var path = new Argument<string>("PATH") { Description = "Where to write the template: .xlsx (with notes, a sheet of field rules and, when an API key is set, Liner's statuses) or .csv (the header only)." };
        var config = new Option<string?>("--config") { Description = "A settings file layered over appsettings.json (for Liner's statuses)." };
        var command = new Command("template", "Write an empty input file with every field as a column.") { path, config };
        command.SetAction(async parsed =>
        {
            var target = parsed.GetValue(path)!;
            var (statuses, custom) = await ListsAsync(host, parsed.GetValue(config), withStatuses: target.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase));
            InputTemplate.Write(target, statuses, custom);
            var count = custom?.OfLeads.Count() ?? 0;
            var columns = count > 0 ? $"the {LeadFields.All.Count} fields and Liner's {count} custom fields of leads" : $"the {LeadFields.All.Count} fields";
            await host.Out.WriteLineAsync(statuses is null
                ? $"Wrote {target}: lead_id and {columns} as columns."
                : $"Wrote {target}: lead_id and {columns} as columns, and Liner's {statuses.Count} lead statuses.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Liner's statuses and custom fields of leads when a key and URL are set; a template is still written when they cannot be read.</summary>
    /// <param name="withStatuses">A workbook's Statuses sheet needs them; a CSV file has nowhere to put them, and a status list
    /// that cannot be read must not cost it the custom fields.</param>
    private static async Task<(IReadOnlyList<LeadStatus>? Statuses, CustomFields? Custom)> ListsAsync(CliHost host, string? config, bool withStatuses)
    {
        var settings = AppSettings.Load(host, config, new Dictionary<string, string?>());
        if (string.IsNullOrEmpty(settings.Liner.ApiKey) || settings.Liner.BaseUrl.Length == 0)
        {
            return (null, null);
        }

        IReadOnlyList<LeadStatus>? statuses = null;
        try
        {
            // One sender for both lists: one connection, one rate limit.
            return await LinerLists.ReadAsync(settings, host.Clock, async sender =>
            {
                statuses = withStatuses ? await StatusList.ReadAsync(sender, settings.Liner.StatusListPath) : null;
                return (statuses, (CustomFields?)await CustomFieldList.ReadAsync(sender, settings.Liner.CustomFieldListPath));
            });
        }
        catch (UsageException exception)
        {
            await host.Error.WriteLineAsync($"liner-bulk: the template has {(withStatuses && statuses is null ? "no Statuses sheet and " : "")}no custom fields: {exception.Message}");
            return (statuses, null);
        }
    }
}
