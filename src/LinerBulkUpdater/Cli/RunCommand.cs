using System.CommandLine;
using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Sandbox;
using LinerBulkUpdater.Sending;
using Serilog;

namespace LinerBulkUpdater.Cli;

/// <summary><c>liner-bulk run FILE|DIR/</c>: argv to settings, then one <see cref="UpdateJob"/> per file.</summary>
internal static class RunCommand
{
    /// <summary>The key a <c>--sandbox</c> run sends when none is set: the sandbox takes any key.</summary>
    internal const string SandboxApiKey = "sandbox-key";

    public static Command Create(CliHost host)
    {
        var file = new Argument<string>("FILE") { Description = "The CSV or XLSX file to send (a lead_id column and the fields to change), or a folder of them." };
        var shared = new RunSettingsOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and check every row, send nothing." };
        var resume = new Option<string?>("--resume") { Description = "An earlier report of this input: rows it says were updated are skipped (works after kill -9)." };
        var baseline = new Option<string?>("--baseline") { Description = "Last time's export: only fields whose values differ from it are sent." };
        var liveDiff = new Option<bool>("--live-diff") { Description = "Read each lead from Liner first and send only the fields that differ; a lead with none is unchanged." };
        var undo = new Option<string>("--undo") { Description = "Write Liner's values before each change to this undo file (a folder in a folder run), ahead of the update; liner-bulk run on it puts them back." };
        var verify = new Option<bool>("--verify") { Description = "Read each lead back after its update; a field Liner did not keep fails the row." };

        var command = new Command("run", "Send one update per row of FILE and write a report.") { file };
        foreach (var option in shared.First.Concat([dryRun, resume, baseline, liveDiff, undo, verify]).Concat(shared.Last))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = shared.Load(host, parsed);
            var request = new UpdateRequest(
                parsed.GetValue(file)!, parsed.GetValue(shared.Report), parsed.GetValue(dryRun), parsed.GetValue(shared.Sheet),
                parsed.GetValue(resume), parsed.GetValue(baseline), parsed.GetValue(shared.SummaryJson), parsed.GetValue(shared.Config),
                parsed.GetValue(liveDiff), parsed.GetValue(undo), parsed.GetValue(verify));
            var againstSandbox = parsed.GetValue(shared.Sandbox);
            Check(request, settings, againstSandbox);
            return await RunAsync(host, settings, request, againstSandbox, cancellationToken);
        });
        return command;
    }

    /// <summary>What the settings and the request cannot be together, refused before anything is opened.</summary>
    private static void Check(UpdateRequest request, AppSettings settings, bool againstSandbox)
    {
        if (Directory.Exists(request.InputPath) && (request.ReportPath ?? request.ResumePath) is not null)
        {
            throw new UsageException("--report and --resume name one file's report; with a folder each file gets its own, beside it");
        }

        if (request.LiveDiff && request.BaselinePath is not null)
        {
            throw new UsageException("--live-diff and --baseline both decide what is sent: the live comparison with Liner supersedes the file; give one of them");
        }

        if (request.DryRun && (request.UndoPath ?? (request.Verify ? "" : null)) is not null)
        {
            throw new UsageException($"{(request.UndoPath is not null ? "--undo" : "--verify")} makes no sense with --dry-run, which changes nothing (--dry-run --live-diff shows what would change)");
        }

        if (!request.DryRun && !againstSandbox)
        {
            settings.Liner.CheckCanSend();
        }

        if (request.UndoPath is { } undo && Directory.Exists(request.InputPath))
        {
            CheckUndoFolder(undo, request.InputPath);
        }

        if (Directory.Exists(request.InputPath) && request.SummaryJsonPath is { } json)
        {
            // A single file's outputs are checked with its report, once that is known; a folder's summary now.
            OutputFiles.Check(request.ConfigPath is { } config ? [("--config", config)] : [], [("--summary-json", json)]);
        }
    }

    /// <summary>In a folder run <c>--undo</c> names a folder (made if missing), never the inbox: the next scheduled run would apply them.</summary>
    private static void CheckUndoFolder(string undo, string inbox)
    {
        if (File.Exists(undo))
        {
            throw new UsageException($"--undo {undo} is a file; in a folder run --undo names a folder, where each input's undo file goes");
        }

        if (Directory.Exists(undo) && FileIdentity.Same(undo, inbox) || string.Equals(Path.GetFullPath(undo).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(inbox).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            throw new UsageException($"--undo {undo} is the folder the run takes its inputs from: the next run would apply the undo files; give another folder");
        }

        try
        {
            Directory.CreateDirectory(undo);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"--undo {undo}: the folder cannot be made: {exception.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static async Task<int> RunAsync(CliHost host, AppSettings settings, UpdateRequest request, bool againstSandbox, CancellationToken cancellationToken)
    {
        var live = host.Interactive ? new LiveLine(host.Out) : null;
        await using var log = RunLog.Create(host, settings.Log, live);

        // On 2 cores the pool starts with 2 threads and adds about one a second; while the first
        // requests are JIT-compiled, timers fire late and the pace stutters. Start with enough.
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, settings.Sending.Concurrency + 4), completions);
        await using var stand = againstSandbox ? await StartSandboxAsync(host, settings, log, cancellationToken) : null;
        if (stand is not null)
        {
            settings = settings.AgainstSandbox(stand.BaseUrl, settings.Sandbox.ApiKey ?? SandboxApiKey);
        }

        using var stop = new RunStop();
        using var onInterrupt = StopOnInterrupts(host.Interrupts, stop, log);
        try
        {
            var job = new UpdateJob(settings, log, host.Clock, live);
            var exitCode = Directory.Exists(request.InputPath)
                ? await RunFolderAsync(job, request, stop, log, host.Clock)
                : await RunFileAsync(job, request, stop);
            if (exitCode == ExitCodes.Stopped)
            {
                await host.Error.WriteLineAsync(request.DryRun && !request.LiveDiff
                    ? $"liner-bulk: stopped part-way: {stop.Reason}; the report lists the rows checked before the stop"
                    : $"liner-bulk: stopped part-way: {stop.Reason}; the report lists every row");
            }

            return exitCode;
        }
        catch (UsageException exception)
        {
            log.Debug("Stopped before sending: {Reason}", exception.Message);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return await CrashedAsync(host, settings, log, exception);
        }
    }

    private static async Task<int> RunFileAsync(UpdateJob job, UpdateRequest request, RunStop stop)
    {
        var summary = await job.RunAsync(request, stop);
        if (request.SummaryJsonPath is { } json)
        {
            SummaryJson.Write(json, summary);
        }

        return summary.ExitCode;
    }

    /// <summary>Every file of the folder, each with its own report; <c>--summary-json</c> describes the whole folder, once.</summary>
    private static async Task<int> RunFolderAsync(UpdateJob job, UpdateRequest request, RunStop stop, ILogger log, TimeProvider time)
    {
        var folder = await new FolderRun(request.InputPath, log, time).RunAsync(
            (input, report) => job.RunAsync(request with { InputPath = input, ReportPath = report, SummaryJsonPath = null }, stop),
            () => stop.IsStopped);
        if (request.SummaryJsonPath is { } json)
        {
            SummaryJson.Write(json, folder);
        }

        return folder.ExitCode;
    }

    /// <summary>The first Ctrl+C or SIGTERM stops sending and lets requests in flight finish; a second one cuts them.</summary>
    private static IDisposable StopOnInterrupts(Interrupts interrupts, RunStop stop, ILogger log)
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

    private static async Task<SandboxServer> StartSandboxAsync(CliHost host, AppSettings settings, ILogger log, CancellationToken cancellationToken)
    {
        var server = await SandboxCommand.StartAsync(settings.Sandbox, port: 0, host.Clock, cancellationToken);
        log.Information("Sandbox: the embedded Liner stand-in listens on {BaseUrl}", server.BaseUrl);
        return server;
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
