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
            var (server, options) = await StartAsync(host, parsed.GetValue(config), parsed.GetValue(port), cancellationToken);
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

    /// <summary>Starts the stand-in from the <c>Sandbox</c> settings; a setting it cannot use is a one-line exit 2.</summary>
    public static async Task<(SandboxServer Server, SandboxOptions Options)> StartAsync(CliHost host, string? configFile, int port, CancellationToken cancellationToken)
    {
        try
        {
            var options = AppSettings.Build(host, configFile, new Dictionary<string, string?>()).GetSection(SandboxOptions.SectionName).Get<SandboxOptions>() ?? new SandboxOptions();
            return (await SandboxServer.StartAsync(options, port, cancellationToken), options);
        }
        catch (IOException exception)
        {
            throw new UsageException($"cannot listen on 127.0.0.1:{port}: {exception.Message.ReplaceLineEndings(" ")}");
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            throw new UsageException($"settings: {exception.Message.ReplaceLineEndings(" ")}");
        }
    }
}
