using System.CommandLine;
using LinerBulkUpdater.Operating;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// <c>liner-bulk check [FILE|DIR/]</c>: takes every option <c>run</c> takes (<see cref="RunOptionSet"/>), writes nothing,
/// and prints what that run would meet and do, line by line (<see cref="RunCheck"/>). Exit 0 when the run would start,
/// 2 when it would be refused, with the reason on one line.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliHost host)
    {
        var input = new Argument<string?>("FILE") { Description = "The file (or folder) a run would be given: also check its encoding, columns and rows.", Arity = ArgumentArity.ZeroOrOne };
        var options = new RunOptionSet();
        var command = new Command("check", "Say what a run with these options would meet, writing nothing: exit 0 if it would start, 2 if it would be refused.") { input };
        options.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            try
            {
                var settings = options.Load(host, parsed);
                var request = options.Read(parsed, parsed.GetValue(input));
                var (stand, againstStand) = await RunCommand.SandboxAsync(host, settings, request, cancellationToken);
                await using var standing = stand;
                var someInvalid = await new RunCheck(againstStand, host).RunAsync(request, cancellationToken);
                await host.Out.WriteLineAsync(someInvalid
                    ? $"A run would start; some rows are invalid, so it would end with exit code {ExitCodes.SomeRowsFailed} (the report lists them)."
                    : "A run would start.");
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
