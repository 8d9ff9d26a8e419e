using System.CommandLine;
using System.Globalization;
using System.Text;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sending;
using Serilog.Core;

namespace LinerBulkUpdater.Cli;

/// <summary><c>liner-bulk statuses</c>: Liner's lead statuses (id, code, title, category), for people filling a spreadsheet.</summary>
internal static class StatusesCommand
{
    public static Command Create(CliHost host)
    {
        var baseUrl = new Option<string?>("--base-url") { Description = "The Liner API's base URL (setting Liner:BaseUrl)." };
        var config = new Option<string?>("--config") { Description = "A settings file layered over appsettings.json." };
        var sandbox = new Option<bool>("--sandbox") { Description = "Read the embedded Liner stand-in's statuses." };
        var command = new Command("statuses", "Print Liner's lead statuses: the ids, codes and titles the status column takes.") { baseUrl, config, sandbox };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var overrides = parsed.GetValue(baseUrl) is { } url ? new Dictionary<string, string?> { ["Liner:BaseUrl"] = url } : [];
            var settings = AppSettings.Load(host, parsed.GetValue(config), overrides);
            await using var stand = parsed.GetValue(sandbox) ? await SandboxCommand.StartAsync(settings.Sandbox, port: 0, host.Clock, cancellationToken) : null;
            if (stand is not null)
            {
                settings = settings.AgainstSandbox(stand.BaseUrl, settings.Sandbox.ApiKey ?? RunCommand.SandboxApiKey);
            }

            await host.Out.WriteAsync(Table(await ReadAsync(settings, host.Clock)));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The list, read once with the run's retries and rate limit.</summary>
    /// <exception cref="UsageException">No URL or key, or the list could not be read.</exception>
    public static async Task<IReadOnlyList<LeadStatus>> ReadAsync(AppSettings settings, TimeProvider time)
    {
        settings.Liner.CheckCanSend();
        using var http = LinerClient.CreateHttpClient(settings.Liner, concurrency: 1);
        using var limiter = new PacedRateLimiter(settings.Sending.Rps, time);
        using var stop = new RunStop();
        var sender = LeadSender.Create(new LinerClient(http, settings.Liner, Logger.None, time), settings.Liner, settings.Sending, limiter, stop, Logger.None, time);
        return await StatusList.ReadAsync(sender, settings.Liner.StatusListPath);
    }

    /// <summary>Aligned columns; a title two statuses share is marked, since the status column refuses it.</summary>
    public static string Table(IReadOnlyList<LeadStatus> statuses)
    {
        string[] heading = ["id", "code", "title", "category"];
        var rows = statuses.Select(status => new[] { status.Id.ToString(CultureInfo.InvariantCulture), status.Code, status.Title, status.Category }).ToList();
        var widths = heading.Select((name, i) => rows.Select(row => row[i].Length).Append(name.Length).Max()).ToArray();
        var shared = statuses.GroupBy(status => status.Title.Trim(), StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1).Select(group => group.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(heading))
        {
            var line = string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i])));
            text.Append(line.TrimEnd());
            if (!ReferenceEquals(row, heading) && shared.Contains(row[2]))
            {
                text.Append("   (title shared: write the id or the code)");
            }

            text.Append(Environment.NewLine);
        }

        return statuses.Count == 0 ? "Liner has no lead statuses." + Environment.NewLine : text.ToString();
    }
}
