using System.CommandLine;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Cli;

/// <summary><c>liner-bulk sandbox [--port N]</c>: the embedded Liner stand-in, standalone, until Ctrl+C.</summary>
internal static class SandboxCommand
{
    public static Command Create(CliHost host)
    {
        var port = new Option<int>("--port") { Description = "Loopback port to listen on (0 = any free port).", DefaultValueFactory = _ => 5080 };
        var config = new Option<string?>("--config") { Description = "A settings file whose Sandbox section configures the stand-in." };
        var command = new Command("sandbox", "Run the embedded Liner stand-in on 127.0.0.1, for trying the tool without a Liner account.") { port, config };

        // Misbehaviour from flags as well as settings (each flag is the Sandbox setting named beside it).
        var flags = new (Option<string?> Option, string Setting)[]
        {
            (new("--latency-ms") { Description = "Added before every answer (Sandbox:LatencyMs)." }, "Sandbox:LatencyMs"),
            (new("--rate-limit") { Description = "The stand-in's own limit, requests/s; over it, 429 with Retry-After (Sandbox:Faults:RateLimit)." }, "Sandbox:Faults:RateLimit"),
            (new("--rate-limit-schedule") { Description = "A sliding 1 s window limit that changes, e.g. '10, 4@30, 10@60' (Sandbox:Faults:RateLimitSchedule)." }, "Sandbox:Faults:RateLimitSchedule"),
            (new("--rate-limit-retry-after") { Description = "false: the rate limit's 429s carry no Retry-After (Sandbox:Faults:RateLimitRetryAfter)." }, "Sandbox:Faults:RateLimitRetryAfter"),
            (new("--share-429") { Description = "Share of updates answered 429 with Retry-After, 0..1 (Sandbox:Faults:Share429)." }, "Sandbox:Faults:Share429"),
            (new("--share-5xx") { Description = "Share answered 503 (Sandbox:Faults:Share5xx)." }, "Sandbox:Faults:Share5xx"),
            (new("--share-drop") { Description = "Share whose connection is dropped unanswered (Sandbox:Faults:ShareDrop)." }, "Sandbox:Faults:ShareDrop"),
            (new("--share-stall") { Description = "Share that stall --stall-seconds before answering (Sandbox:Faults:ShareStall)." }, "Sandbox:Faults:ShareStall"),
            (new("--stall-seconds") { Description = "How long a stall lasts (Sandbox:Faults:StallSeconds, 20)." }, "Sandbox:Faults:StallSeconds"),
            (new("--reject-key-after") { Description = "After this many updates every request gets 401 (Sandbox:Faults:RejectKeyAfter)." }, "Sandbox:Faults:RejectKeyAfter"),
            (new("--seed") { Description = "Makes the random faults reproducible (Sandbox:Faults:Seed)." }, "Sandbox:Faults:Seed"),
            (new("--faults-on-reads") { Description = "true: the random shares hit reads as well as updates (Sandbox:Faults:OnReads)." }, "Sandbox:Faults:OnReads"),
            (new("--state-file") { Description = "Keeps the leads' changes in this JSON file from one start to the next (Sandbox:StateFile)." }, "Sandbox:StateFile"),
            (new("--request-log") { Description = "Writes every request (seconds, method, lead id, status) to this CSV when stopped (Sandbox:RequestLog)." }, "Sandbox:RequestLog"),
        };
        foreach (var (option, _) in flags)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var overrides = flags.Where(flag => parsed.GetValue(flag.Option) is not null).ToDictionary(flag => flag.Setting, flag => parsed.GetValue(flag.Option));
            var options = AppSettings.Load(host, parsed.GetValue(config), overrides).Sandbox;
            await using var server = await StartAsync(options, parsed.GetValue(port), host.Clock, cancellationToken);
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

    /// <summary>Starts the stand-in from the <c>Sandbox</c> settings, already validated with the rest; a port in use is a one-line exit 2.</summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions options, int port, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            return await SandboxServer.StartAsync(options, time, port, cancellationToken);
        }
        catch (IOException exception)
        {
            throw new UsageException($"cannot listen on 127.0.0.1:{port}: {exception.Message.ReplaceLineEndings(" ")}");
        }
        catch (ArgumentException exception)
        {
            // A script entry that is no fault: the one rule the settings' annotations cannot state.
            throw new UsageException($"settings: {exception.Message.ReplaceLineEndings(" ")}");
        }
    }
}
