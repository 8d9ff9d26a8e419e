using System.CommandLine;
using LinerBulkUpdater.Sandbox;
using Microsoft.Extensions.Configuration;

namespace LinerBulkUpdater.Cli;

/// <summary><c>liner-bulk sandbox [--port N]</c>: the embedded Liner stand-in, standalone, until Ctrl+C.</summary>
internal static class SandboxCommand
{
    public static Command Create(CliHost host)
    {
        var port = new Option<int>("--port") { Description = "Loopback port to listen on (0 = any free port).", DefaultValueFactory = _ => 5080 };
        var config = new Option<string?>("--config") { Description = "A settings file whose Sandbox section configures the stand-in." };
        var command = new Command("sandbox", "Run the embedded Liner stand-in on 127.0.0.1, for trying the tool without a Liner account.") { port, config };

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = AppSettings.Build(host, parsed.GetValue(config), new Dictionary<string, string?>()).GetSection("Sandbox").Get<SandboxOptions>() ?? new SandboxOptions();
            SandboxServer server;
            try
            {
                server = await SandboxServer.StartAsync(options, parsed.GetValue(port), cancellationToken);
            }
            catch (IOException exception)
            {
                throw new UsageException($"cannot listen on 127.0.0.1:{parsed.GetValue(port)}: {exception.Message.ReplaceLineEndings(" ")}");
            }

            await using var running = server;
            await host.Out.WriteLineAsync($"Liner sandbox listening on {server.BaseUrl} ({(string.IsNullOrEmpty(options.ApiKey) ? "any X-Api-Key is accepted" : "X-Api-Key must match Sandbox:ApiKey")}). Ctrl+C stops it.");
            try
            {
                await server.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is how a standalone sandbox is meant to end.
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
