using System.CommandLine;
using System.Text;
using LinerBulkUpdater.Sending;
using Serilog.Core;

namespace LinerBulkUpdater.Cli;

/// <summary>The commands that print one of Liner's lists (<c>statuses</c>, <c>fields</c>), and the one-off sender they read it with.</summary>
internal static class LinerLists
{
    /// <param name="what">What the sandbox option reads: <c>statuses</c>.</param>
    /// <param name="print">The list, read through the sender (at the settings' path), as text.</param>
    public static Command Command(CliHost host, string name, string description, string what, Func<LeadSender, LinerOptions, Task<string>> print)
    {
        var baseUrl = new Option<string?>("--base-url") { Description = "The Liner API's base URL (setting Liner:BaseUrl)." };
        var config = new Option<string?>("--config") { Description = "A settings file layered over appsettings.json." };
        var sandbox = new Option<bool>("--sandbox") { Description = $"Read the embedded Liner stand-in's {what}." };
        var command = new Command(name, description) { baseUrl, config, sandbox };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var overrides = parsed.GetValue(baseUrl) is { } url ? new Dictionary<string, string?> { ["Liner:BaseUrl"] = url } : [];
            var settings = AppSettings.Load(host, parsed.GetValue(config), overrides);
            await using var stand = parsed.GetValue(sandbox) ? await SandboxCommand.StartAsync(settings.Sandbox, port: 0, host.Clock, cancellationToken) : null;
            if (stand is not null)
            {
                settings = settings.AgainstSandbox(stand.BaseUrl, settings.Sandbox.ApiKey ?? RunCommand.SandboxApiKey);
            }

            await host.Out.WriteAsync(await ReadAsync(settings, host.Clock, sender => print(sender, settings.Liner)));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Aligned columns, two spaces apart, the last one unpadded; <paramref name="note"/> may add a remark after row n
    /// (from 0, the heading not counted).
    /// </summary>
    public static string Table(string[] heading, IReadOnlyList<string[]> rows, Func<int, string?> note)
    {
        var widths = heading.Select((name, i) => rows.Select(row => row[i].Length).Append(name.Length).Max()).ToArray();
        var text = new StringBuilder();
        for (var n = -1; n < rows.Count; n++)
        {
            var row = n < 0 ? heading : rows[n];
            text.Append(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
            text.Append(n < 0 ? null : note(n)).Append(Environment.NewLine);
        }

        return text.ToString();
    }

    /// <summary>Reads through a sender of its own, with the run's retries and rate limit.</summary>
    /// <exception cref="UsageException">No URL or key, or the list could not be read.</exception>
    public static async Task<T> ReadAsync<T>(AppSettings settings, TimeProvider time, Func<LeadSender, Task<T>> read)
    {
        settings.Liner.CheckCanSend();
        using var http = LinerClient.CreateHttpClient(settings.Liner, concurrency: 1);
        using var limiter = new PacedRateLimiter(settings.Sending.Rps, time);
        using var stop = new RunStop();
        var sender = LeadSender.Create(new LinerClient(http, settings.Liner, Logger.None, time), settings.Liner, settings.Sending, limiter, stop, Logger.None, time);
        return await read(sender);
    }
}
