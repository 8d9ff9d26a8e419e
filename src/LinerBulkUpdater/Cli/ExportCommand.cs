using System.CommandLine;
using System.Globalization;
using LinerBulkUpdater.Exporting;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sending;
using Serilog;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// <c>liner-bulk export PATH.xlsx|PATH.csv</c> (CONTRACT §8): Liner's leads by status, order and creation date, one row a
/// lead, as an input file a run maps back (<see cref="ExportColumns"/>). Reads only.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliHost host)
    {
        var path = new Argument<string>("PATH") { Description = "The file to write: .xlsx or .csv (UTF-8 with a BOM); it must not exist." };
        var status = new Option<string[]>("--status") { Description = "Only leads in this status: an id, a code or a title (repeat for several).", AllowMultipleArgumentsPerToken = false };
        var order = new Option<long[]>("--order") { Description = "Only leads of this order id (repeat for several)." };
        var from = new Option<string?>("--created-from") { Description = "Leads created from this date or date-time (default: setting Liner:EarliestLead)." };
        var to = new Option<string?>("--created-to") { Description = "Leads created up to this date (the whole day) or date-time (default: now)." };
        var v1 = new Option<bool>("--v1-fields") { Description = "Also campaign_id and external_id, which only the v1 detail shows: one more read a lead." };
        var settingsOptions = new SettingsOptions();
        var command = new Command("export", "Write Liner's leads to a file a run reads back: lead_id, the fields, the integration ids, the custom fields.")
        {
            path, status, order, from, to, v1,
        };
        settingsOptions.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = settingsOptions.Load(host, parsed);
            var request = new ExportRequest(parsed.GetValue(path)!, parsed.GetValue(status) ?? [], parsed.GetValue(order) ?? [],
                parsed.GetValue(from), parsed.GetValue(to), parsed.GetValue(v1), settingsOptions.Sandbox(parsed));
            return await ExportAsync(host, settings, request, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ExportAsync(CliHost host, AppSettings settings, ExportRequest request, CancellationToken cancellationToken)
    {
        var file = Path.GetFullPath(request.Path);
        var csv = Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".csv" => true,
            ".xlsx" => false,
            _ => throw new UsageException($"{request.Path}: an export is .xlsx or .csv"),
        };
        if (File.Exists(file))
        {
            throw new UsageException($"{request.Path} exists; an export never writes over a file");
        }

        if (!Directory.Exists(Path.GetDirectoryName(file)))
        {
            throw new UsageException($"{request.Path}: the folder {Path.GetDirectoryName(file)} does not exist");
        }

        var orders = request.Orders.Where(id => id <= 0).ToList();
        if (orders.Count > 0)
        {
            throw new UsageException($"--order {orders[0]} is not an order id (an integer > 0)");
        }

        var (from, to) = CreatedRange.Read(request.From, request.To, settings.Liner.EarliestLead, host.Clock.GetUtcNow(), settings.Rules.TimeZone);
        var live = host.Interactive ? new LiveLine(host.Out) : null;
        await using var log = RunLog.Create(host, settings.Log, live);
        await using var stand = request.Sandbox ? await SandboxCommand.StartAsync(settings.Sandbox, port: 0, host.Clock, cancellationToken) : null;
        if (stand is not null)
        {
            settings = settings.AgainstSandbox(stand.BaseUrl, settings.Sandbox.ApiKey ?? RunCommand.SandboxApiKey);
        }

        using var limiter = new PacedRateLimiter(settings.Sending.Rps, host.Clock);
        using var stop = new RunStop();
        using var onInterrupt = RunCommand.StopOnInterrupts(host.Interrupts, stop, log);
        if (stand is null)
        {
            // Said as itself, not as a dry run's missing key.
            settings.Liner.CheckCanSend();
        }

        using var liner = new LinerConnection(settings, writes: false, limiter, stop, log, host.Clock);
        var sender = await liner.OpenAsync("an export reads Liner's leads");
        var statuses = await liner.StatusesAsync();
        var filter = new LeadListFilter(from, to, StatusIds(request.Statuses, statuses), request.Orders);
        var columns = new ExportColumns(request.V1Fields, await liner.CustomFieldsAsync(), statuses, csv);
        log.Information("Exporting the leads created {Range}{Statuses}{Orders} to {Path}", filter.Range,
            filter.StatusIds.Count > 0 ? $", in status {string.Join(", ", filter.StatusIds)}" : "", filter.Orders(), file);

        string? failure;
        var (progress, timer) = SweepProgress.Start("exported", log, host.Clock, live);
        using (var writer = Open(file, csv, columns))
        {
            await using (timer)
            {
                failure = await new LeadExport(sender, settings.Liner.LeadListPath, columns, settings.Sending.Concurrency).RunAsync(filter, writer, progress);
            }

            writer.Complete();
        }

        live?.Clear();
        if (failure is not null)
        {
            var why = stop.IsStopped ? stop.Reason : failure;
            log.Error("The export stopped part-way: {Why}", why);
            await host.Error.WriteLineAsync($"liner-bulk: the export stopped part-way: {why}; {request.Path} holds the {progress.Leads} leads read before");
            return ExitCodes.Stopped;
        }

        log.Information("Exported {Leads} leads in {Seconds:0.0} s ({Pages} pages) to {Path}", progress.Leads, progress.Elapsed.TotalSeconds, progress.Pages, file);
        return ExitCodes.Success;
    }

    /// <exception cref="UsageException">The file cannot be made (a permission, a full disk, a file made meanwhile).</exception>
    private static IExportWriter Open(string file, bool csv, ExportColumns columns)
    {
        try
        {
            return csv ? new CsvExportWriter(file, columns.All) : new XlsxExportWriter(file, columns.All);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{file}: cannot be written: {exception.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>The ids <c>--status</c> names, each by id, code or title as the status column takes them (<see cref="StatusNames"/>).</summary>
    /// <exception cref="UsageException">A value names no status, or a title two statuses share.</exception>
    private static List<long> StatusIds(IReadOnlyList<string> values, IReadOnlyList<LeadStatus> statuses)
    {
        var names = new StatusNames(statuses);
        var ids = new List<long>();
        foreach (var value in values)
        {
            var id = 0L;
            var problem = StatusNames.IsId(value) ? (long.TryParse(value.Trim(), CultureInfo.InvariantCulture, out id) ? null : "is not an id") : names.TryResolve(value, out id);
            if (problem is not null)
            {
                throw new UsageException($"--status '{value}' {problem}");
            }

            if (statuses.All(status => status.Id != id))
            {
                throw new UsageException($"--status '{value}' names no status of Liner's (liner-bulk statuses lists them)");
            }

            ids.Add(id);
        }

        return ids;
    }

    private static string Orders(this LeadListFilter filter) =>
        filter.OrderIds.Count > 0 ? $", of order {string.Join(", ", filter.OrderIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))}" : "";

    private sealed record ExportRequest(string Path, IReadOnlyList<string> Statuses, IReadOnlyList<long> Orders, string? From, string? To, bool V1Fields, bool Sandbox);
}
