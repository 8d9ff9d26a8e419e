using System.Collections.Concurrent;
using System.Globalization;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Notifying;
using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Planning;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Ui;

/// <summary>
/// What the page asks for, done by the command line's own machinery: <see cref="RunCheck"/> for the check, an
/// <see cref="UpdateJob"/> with <c>--dry-run --live-diff</c> for the preview, and one with the person's choices for the
/// send (its options checked by <see cref="RunRules"/>, its report, undo file and summary written by the run's own
/// writers into the run's folder). One send at a time.
/// </summary>
/// <param name="settingsWith">The settings as <c>run</c> reads them, with command-line overrides such as <c>Sending:Rps</c>.</param>
internal sealed class UiWork(CliHost host, RunsFolder runs, Func<IReadOnlyDictionary<string, string?>, AppSettings> settingsWith)
{
    private readonly ConcurrentDictionary<string, UiRun> _runs = new();
    private readonly List<Task> _sends = [];
    private IReadOnlyDictionary<string, string>? _statusTitles;
    private int _sending;

    public AppSettings Settings { get; } = settingsWith(new Dictionary<string, string?>());

    public RunsFolder Runs => runs;

    /// <summary>A run of this session, or an earlier one found in the runs folder; null for no such run.</summary>
    public UiRun? Find(string id)
    {
        if (_runs.TryGetValue(id, out var run))
        {
            return run;
        }

        if (runs.FolderOf(id) is not { } folder)
        {
            return null;
        }

        var (input, kind, of) = runs.Meta(id);
        return _runs.GetOrAdd(id, new UiRun(id, folder, Path.Combine(folder, input), kind, of));
    }

    /// <summary>A new run for an uploaded file: its folder made, the file to be written to <see cref="UiRun.InputPath"/> by the caller.</summary>
    public UiRun Add(string fileName, string kind = "input", string? of = null)
    {
        var (id, input) = runs.Create(fileName, kind, of);
        return _runs.GetOrAdd(id, new UiRun(id, Path.GetDirectoryName(input)!, input, kind, of));
    }

    /// <summary>A new run that applies <paramref name="run"/>'s newest undo file, copied into its own folder; null when there is none.</summary>
    public UiRun? UndoOf(UiRun run)
    {
        var undo = runs.Files(run.Id).Where(name => name.Contains(".undo-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).LastOrDefault();
        if (undo is null)
        {
            return null;
        }

        var applying = Add(undo, "undo", run.Id);
        File.Copy(Path.Combine(run.Folder, undo), applying.InputPath);
        return applying;
    }

    /// <summary>What <c>liner-bulk check</c> says of the file, with the send's default options (<c>--live-diff --undo</c> into its folder).</summary>
    public async Task CheckAsync(UiRun run)
    {
        var output = new StringWriter();
        string? refusal = null;
        try
        {
            await new RunCheck(Settings, host with { Out = output, Error = TextWriter.Null }).RunAsync(new RunOptions(run.InputPath, LiveDiff: true, UndoPath: run.Folder), CancellationToken.None);
        }
        catch (UsageException exception)
        {
            refusal = exception.Message;
        }

        run.Checked(CheckLines(output.ToString()), refusal);
    }

    /// <summary><c>run FILE --dry-run --live-diff</c>, its report in the run's folder, read back as <see cref="PreviewFacts"/>.</summary>
    public async Task PreviewAsync(UiRun run)
    {
        var report = Path.Combine(run.Folder, $"{Path.GetFileNameWithoutExtension(run.InputPath)}.preview-{ReportWriters.Stamp(host.Clock.GetUtcNow())}.csv");
        try
        {
            var options = new RunOptions(run.InputPath, ReportPath: report, DryRun: true, LiveDiff: true);
            RunRules.Check(options, Settings);
            await using var log = RunLog.Create(host with { Out = run.Log }, Settings.Log);
            using var stop = new RunStop();
            await new UpdateJob(Settings, log, host.Clock, ExitCodes.Of).RunAsync(options, stop);
            run.Previewed(PreviewFacts.Read(report, Settings, await StatusTitlesAsync()), null);
        }
        catch (UsageException exception)
        {
            run.Previewed(null, exception.Message);
        }
    }

    /// <summary>Starts the send in the background; false when a send (this one or another) is already going.</summary>
    public bool StartSend(UiRun run, SendChoices choices)
    {
        if (Interlocked.CompareExchange(ref _sending, 1, 0) != 0)
        {
            return false;
        }

        if (!run.TryStart(RunPhase.Sending))
        {
            Volatile.Write(ref _sending, 0);
            return false;
        }

        var stop = new RunStop();
        run.Sending(choices, stop);
        lock (_sends)
        {
            _sends.Add(Task.Run(() => SendAsync(run, choices, stop)));
        }

        return true;
    }

    /// <summary>As Ctrl+C: the first stops sending (requests in flight finish, every row is reported), the second cuts them.</summary>
    public static void Stop(UiRun run)
    {
        if (run.Stop is { } stop)
        {
            if (stop.IsStopped)
            {
                stop.Cut("stopped at once from the page");
            }
            else
            {
                stop.Stop("stopped from the page");
            }
        }
    }

    /// <summary>On the way out (Ctrl+C on the server): every send stopped as Ctrl+C stops a run, and waited for.</summary>
    public async Task StopAllAsync()
    {
        foreach (var run in _runs.Values)
        {
            run.Stop?.Stop("stopped by Ctrl+C or SIGTERM");
        }

        Task[] sends;
        lock (_sends)
        {
            sends = [.. _sends];
        }

        await Task.WhenAll(sends);
    }

    private async Task SendAsync(UiRun run, SendChoices choices, RunStop stop)
    {
        try
        {
            var settings = settingsWith(new Dictionary<string, string?>
            {
                ["Sending:Rps"] = choices.Rps.ToString(CultureInfo.InvariantCulture),
                ["Sending:Concurrency"] = choices.Concurrency.ToString(CultureInfo.InvariantCulture),
            });
            var options = new RunOptions(run.InputPath, SummaryJsonPath: Path.Combine(run.Folder, "summary.json"), LiveDiff: choices.LiveDiff, UndoPath: choices.Undo ? run.Folder : null, Verify: choices.Verify);
            RunRules.Check(options, settings);
            await using var log = RunLog.Create(host with { Out = run.Log }, settings.Log);
            var summary = await new UpdateJob(settings, log, host.Clock, ExitCodes.Of, watch: run.Watch).RunAsync(options, stop);
            SummaryJson.Write(options.SummaryJsonPath!, summary);
            await new RunNotifier(settings.Notify, log, host.Clock).SendAsync(RunNotice.Of(summary));
            run.Sent(summary, null);
        }
        catch (UsageException exception)
        {
            run.Sent(null, exception.Message);
        }
        catch (Exception exception)
        {
            // The top of the send, as RunCommand is of a run: the page says it, the server goes on.
            run.Sent(null, $"the run failed: {exception.Message.ReplaceLineEndings(" ")}");
        }
        finally
        {
            stop.Dispose();
            Volatile.Write(ref _sending, 0);
        }
    }

    /// <summary>Liner's status titles by id, read once (a failure is retried next time, and transitions show ids meanwhile).</summary>
    private async Task<IReadOnlyDictionary<string, string>> StatusTitlesAsync()
    {
        if (_statusTitles is { } known)
        {
            return known;
        }

        try
        {
            var statuses = await LinerLists.ReadAsync(Settings, host.Clock, sender => StatusList.ReadAsync(sender, Settings.Liner.StatusListPath));
            return _statusTitles = statuses.ToDictionary(status => status.Id.ToString(CultureInfo.InvariantCulture), status => status.Title);
        }
        catch (UsageException)
        {
            return new Dictionary<string, string>();
        }
    }

    /// <summary><c>check</c>'s lines, a label padded to 15 then the text; a line with no label continues the one before.</summary>
    private static List<(string, string)> CheckLines(string output)
    {
        var lines = new List<(string, string)>();
        foreach (var line in output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var label = line.Length > 15 ? line[..15].Trim() : line.Trim();
            lines.Add(line.Length > 15 ? (label, line[15..]) : ("", line));
        }

        return lines;
    }
}
