using System.CommandLine;
using LinerBulkUpdater.Notifying;
using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Planning;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Sandbox;
using LinerBulkUpdater.Sending;
using Serilog;

namespace LinerBulkUpdater.Cli;

/// <summary><c>liner-bulk run FILE|DIR/</c>: argv to <see cref="RunOptions"/> and settings, checked by <see cref="RunRules"/>, then one <see cref="UpdateJob"/> per file.</summary>
internal static class RunCommand
{
    /// <summary>The key a <c>--sandbox</c> run sends when none is set: the sandbox takes any key.</summary>
    internal const string SandboxApiKey = "sandbox-key";

    public static Command Create(CliHost host)
    {
        var file = new Argument<string>("FILE") { Description = "The CSV or XLSX file to send (a lead_id column and the fields to change), or a folder of them." };
        var options = new RunOptionSet();
        var command = new Command("run", "Send one update per row of FILE and write a report.") { file };
        options.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = options.Load(host, parsed);
            var request = options.Read(parsed, parsed.GetValue(file));
            var started = host.Clock.GetUtcNow();
            try
            {
                RunRules.Check(request, settings);
                RunRules.MakeUndoFolder(request);
            }
            catch (UsageException refused) when (RunNotifier.Wanted(settings.Notify))
            {
                // Refused before the run's log is open: one is opened for the notification alone (a failure is logged).
                await using var log = RunLog.Create(host, settings.Log);
                await new RunNotifier(settings.Notify, log, host.Clock).SendAsync(RunNotice.Ended(request.InputPath, ExitCodes.Unusable, refused.Message, started, host.Clock.GetUtcNow()));
                throw;
            }

            return await RunAsync(host, settings, request, started, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// The embedded stand-in, when <c>--sandbox</c> asks for it: started on a loopback port, and the settings pointed at
    /// it, with its key when none is set. For <c>run</c> and <c>check</c> alike.
    /// </summary>
    public static async Task<(SandboxServer? Stand, AppSettings Settings)> SandboxAsync(CliHost host, AppSettings settings, RunOptions request, CancellationToken cancellationToken)
    {
        if (!request.Sandbox)
        {
            return (null, settings);
        }

        var stand = await SandboxCommand.StartAsync(settings.Sandbox, port: 0, host.Clock, cancellationToken);
        return (stand, settings.AgainstSandbox(stand.BaseUrl, settings.Sandbox.ApiKey ?? SandboxApiKey));
    }

    /// <summary>The run, and at its end, whatever the end, its notifications (<see cref="RunNotifier"/>): once, after the exit code is decided.</summary>
    private static async Task<int> RunAsync(CliHost host, AppSettings settings, RunOptions request, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var live = host.Interactive ? new LiveLine(host.Out) : null;
        await using var log = RunLog.Create(host, settings.Log, live);
        var notifier = new RunNotifier(settings.Notify, log, host.Clock);

        // On 2 cores the pool starts with 2 threads and adds about one a second; while the first
        // requests are JIT-compiled, timers fire late and the pace stutters. Start with enough.
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, settings.Sending.Concurrency + 4), completions);
        var (stand, againstStand) = await SandboxAsync(host, settings, request, cancellationToken);
        await using var standing = stand;
        if (stand is not null)
        {
            settings = againstStand;
            log.Information("Sandbox: the embedded Liner stand-in listens on {BaseUrl}", stand.BaseUrl);
        }

        using var stop = new RunStop();
        using var onInterrupt = StopOnInterrupts(host.Interrupts, stop, log);
        try
        {
            var job = new UpdateJob(settings, log, host.Clock, ExitCodes.Of, live);
            var (exitCode, notice) = request.IsFolder
                ? await RunFolderAsync(job, request, stop, log, host.Clock)
                : await RunFileAsync(job, request, stop);
            if (exitCode == ExitCodes.Stopped)
            {
                await host.Error.WriteLineAsync(request.Mode.OnlyChecksRows
                    ? $"liner-bulk: stopped part-way: {stop.Reason}; the report lists the rows checked before the stop"
                    : $"liner-bulk: stopped part-way: {stop.Reason}; the report lists every row");
            }

            await notifier.SendAsync(notice);
            return exitCode;
        }
        catch (UsageException exception)
        {
            log.Debug("Stopped before sending: {Reason}", exception.Message);
            await notifier.SendAsync(RunNotice.Ended(request.InputPath, ExitCodes.Unusable, exception.Message, started, host.Clock.GetUtcNow()));
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var exitCode = await CrashedAsync(host, settings, log, exception);
            await notifier.SendAsync(RunNotice.Ended(request.InputPath, exitCode, $"the run failed: {exception.Message.ReplaceLineEndings(" ")}", started, host.Clock.GetUtcNow()));
            return exitCode;
        }
    }

    private static async Task<(int ExitCode, RunNotice Notice)> RunFileAsync(UpdateJob job, RunOptions request, RunStop stop)
    {
        var summary = await job.RunAsync(request, stop);
        if (request.SummaryJsonPath is { } json)
        {
            SummaryJson.Write(json, summary);
        }

        return (summary.ExitCode, RunNotice.Of(summary));
    }

    /// <summary>Every file of the folder, each with its own report; <c>--summary-json</c> describes the whole folder, once.</summary>
    private static async Task<(int ExitCode, RunNotice Notice)> RunFolderAsync(UpdateJob job, RunOptions request, RunStop stop, ILogger log, TimeProvider time)
    {
        var folder = await new FolderRun(request.InputPath!, log, time).RunAsync(
            (input, report) => job.RunAsync(request.ForFile(input, report), stop),
            () => stop.IsStopped,
            ExitCodes.OfFolder);
        if (request.SummaryJsonPath is { } json)
        {
            SummaryJson.Write(json, folder);
        }

        return (folder.ExitCode, RunNotice.Of(folder));
    }

    /// <summary>The first Ctrl+C or SIGTERM stops sending and lets requests in flight finish; a second one cuts them.</summary>
    internal static IDisposable StopOnInterrupts(Interrupts interrupts, RunStop stop, ILogger log)
    {
        var onStop = interrupts.Stop.Register(() =>
        {
            log.Warning("Stopping: no new requests; those in flight may finish (Ctrl+C again to stop at once)");
            stop.Stop("stopped by Ctrl+C or SIGTERM");
        });
        var onCut = interrupts.Cut.Register(() => stop.Cut("stopped at once by a second Ctrl+C or SIGTERM"));
        return new Registrations(onStop, onCut);
    }

    /// <summary>Not the user's doing (a full disk, a bug): the details go to the log, one line to the console.</summary>
    private static async Task<int> CrashedAsync(CliHost host, AppSettings settings, ILogger log, Exception exception)
    {
        log.Fatal(exception, "The run failed");
        await host.Error.WriteLineAsync($"liner-bulk: the run failed: {exception.Message.ReplaceLineEndings(" ")} (details in the log, {RunLog.Directory(settings.Log)})");
        return ExitCodes.Stopped;
    }

    private sealed class Registrations(CancellationTokenRegistration first, CancellationTokenRegistration second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
