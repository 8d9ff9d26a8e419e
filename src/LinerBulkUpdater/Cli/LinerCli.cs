using System.CommandLine;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// The front door: parses argv, runs the verb, and turns what stops a run into one line and an exit
/// code. The only place that knows about exit codes besides the verbs themselves.
/// </summary>
internal static class LinerCli
{
    public static async Task<int> RunAsync(string[] args, CliHost host)
    {
        var root = new RootCommand("liner-bulk: push spreadsheet rows into the Liner CRM, one sparse lead update per row, with a per-row report.")
        {
            RunCommand.Create(host),
            CheckCommand.Create(host),
            StatusesCommand.Create(host),
            FieldsCommand.Create(host),
            TemplateCommand.Create(host),
            ExportCommand.Create(host),
            SandboxCommand.Create(host),
            UiCommand.Create(host),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await host.Error.WriteLineAsync($"liner-bulk: {parsed.Errors[0].Message} (see liner-bulk --help)");
            return ExitCodes.Unusable;
        }

        try
        {
            var invocation = new InvocationConfiguration
            {
                Output = host.Out,
                Error = host.Error,
                EnableDefaultExceptionHandler = false,
                // Ctrl+C is ours to handle (Interrupts): let in-flight rows finish and the report close.
                ProcessTerminationTimeout = null,
            };
            return await parsed.InvokeAsync(invocation, host.Interrupts.Stop);
        }
        catch (UsageException exception)
        {
            await host.Error.WriteLineAsync($"liner-bulk: {exception.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Unusable;
        }
        catch (OperationCanceledException) when (host.Interrupts.Stop.IsCancellationRequested)
        {
            await host.Error.WriteLineAsync("liner-bulk: stopped");
            return ExitCodes.Stopped;
        }
    }
}
