using System.CommandLine;
using LinerBulkUpdater.Templates;

namespace LinerBulkUpdater.Cli;

/// <summary><c>liner-bulk template PATH.xlsx|PATH.csv</c>: an empty input file with every field, documented.</summary>
internal static class TemplateCommand
{
    public static Command Create(CliHost host)
    {
        var path = new Argument<string>("PATH") { Description = "Where to write the template: .xlsx (with notes and a sheet of field rules) or .csv (the header only)." };
        var command = new Command("template", "Write an empty input file with every field as a column.") { path };
        command.SetAction(async parsed =>
        {
            var target = parsed.GetValue(path)!;
            InputTemplate.Write(target);
            await host.Out.WriteLineAsync($"Wrote {target}: lead_id and the {Leads.LeadFields.All.Count} fields as columns.");
            return ExitCodes.Success;
        });
        return command;
    }
}
