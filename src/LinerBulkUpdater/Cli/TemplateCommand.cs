using System.CommandLine;
using LinerBulkUpdater.Leads;
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
            var statuses = target.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? await StatusesAsync(host, parsed.GetValue(config)) : null;
            InputTemplate.Write(target, statuses);
            await host.Out.WriteLineAsync(statuses is null
                ? $"Wrote {target}: lead_id and the {LeadFields.All.Count} fields as columns."
                : $"Wrote {target}: lead_id and the {LeadFields.All.Count} fields as columns, and Liner's {statuses.Count} lead statuses.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Liner's statuses when a key and URL are set; a template is still written when they cannot be read.</summary>
    private static async Task<IReadOnlyList<LeadStatus>?> StatusesAsync(CliHost host, string? config)
    {
        var settings = AppSettings.Load(host, config, new Dictionary<string, string?>());
        if (string.IsNullOrEmpty(settings.Liner.ApiKey) || settings.Liner.BaseUrl.Length == 0)
        {
            return null;
        }

        try
        {
            return await StatusesCommand.ReadAsync(settings, host.Clock);
        }
        catch (UsageException exception)
        {
            await host.Error.WriteLineAsync($"liner-bulk: the template has no Statuses sheet: {exception.Message}");
            return null;
        }
    }
}
