using System.CommandLine;
using LinerBulkUpdater.Operating;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// <c>liner-bulk check [FILE|DIR/]</c>: reads the settings as <c>run</c> would (the same options, <see cref="RunSettingsOptions"/>),
/// writes nothing, and says line by line what a scheduled run would meet (<see cref="RunCheck"/>).
/// Exit 0 when a run would start, 2 when it would be refused, with the reason on one line.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliHost host)
    {
        var input = new Argument<string?>("FILE") { Description = "The file (or folder) a run would be given: also check its encoding, columns and rows.", Arity = ArgumentArity.ZeroOrOne };
        var shared = new RunSettingsOptions();
        var command = new Command("check", "Say what a run with these settings would meet, writing nothing: exit 0 if it would start, 2 if it would be refused.") { input };
        foreach (var option in shared.First.Concat(shared.Last))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var request = new CheckRequest(parsed.GetValue(input), parsed.GetValue(shared.Report), parsed.GetValue(shared.SummaryJson), parsed.GetValue(shared.Sheet), parsed.GetValue(shared.Config));
            try
            {
                var settings = shared.Load(host, parsed);
                await using var stand = parsed.GetValue(shared.Sandbox) ? await SandboxCommand.StartAsync(settings.Sandbox, port: 0, host.Clock, cancellationToken) : null;
                if (stand is not null)
                {
                    settings = settings.AgainstSandbox(stand.BaseUrl, settings.Sandbox.ApiKey ?? RunCommand.SandboxApiKey);
                }

                if (request.InputPath is { } path && !File.Exists(path) && !Directory.Exists(path))
                {
                    throw new UsageException($"{path}: no such file or folder");
                }

                var rows = await new RunCheck(settings, host, stand is not null).RunAsync(request, cancellationToken);
                await host.Out.WriteLineAsync(rows == ExitCodes.Success
                    ? "A run would start."
                    : "A run would start; some rows are invalid, so it would end with exit code 1 (the report lists them).");
                return ExitCodes.Success;
            }
            catch (UsageException exception)
            {
                await host.Error.WriteLineAsync($"liner-bulk: check: a run would be refused: {exception.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.Unusable;
            }
        });
        return command;
    }
}
