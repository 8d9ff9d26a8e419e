using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Ui;

/// <summary>Where one of the page's runs is: its check, its preview, its send (live, then done). Shared between requests: read and changed under its lock.</summary>
internal sealed class UiRun(string id, string folder, string inputPath, string kind, string? of)
{
    private readonly Lock _gate = new();
    private readonly StringWriter _log = new();

    public string Id => id;

    public string Folder => folder;

    public string InputPath => inputPath;

    /// <summary><c>input</c> for an uploaded file, <c>undo</c> for an earlier run's undo file applied from the page.</summary>
    public string Kind => kind;

    /// <summary>The run whose undo file this one applies.</summary>
    public string? Of => of;

    public RunPhase Phase { get; private set; } = RunPhase.New;

    /// <summary>What <c>check</c> said, line by line (label, text); empty until checked.</summary>
    public IReadOnlyList<(string Label, string Text)> CheckLines { get; private set; } = [];

    /// <summary>Why a step was refused (exit 2) or failed; null when none was.</summary>
    public string? Refusal { get; private set; }

    public PreviewFacts? Preview { get; private set; }

    public ProgressFacts? Progress { get; private set; }

    public RunSummary? Summary { get; private set; }

    /// <summary>The choices the send was started with (pace, concurrency, undo, verify), as shown.</summary>
    public SendChoices? Choices { get; private set; }

    public RunStop? Stop { get; private set; }

    /// <summary>The run's log lines, as the console would show them.</summary>
    public TextWriter Log => field ??= TextWriter.Synchronized(_log);

    /// <summary>What <see cref="Log"/> holds so far (a synchronized writer locks on itself: so does this).</summary>
    public string LogText
    {
        get
        {
            lock (Log)
            {
                return _log.ToString();
            }
        }
    }

    public bool Busy => Phase.IsWorking();

    /// <summary>Moves to a working phase unless the run is already working.</summary>
    public bool TryStart(RunPhase phase)
    {
        lock (_gate)
        {
            if (Busy)
            {
                return false;
            }

            Phase = phase;
            Refusal = null;
            return true;
        }
    }

    public void Checked(IReadOnlyList<(string, string)> lines, string? refusal)
    {
        lock (_gate)
        {
            (CheckLines, Refusal, Phase) = (lines, refusal, refusal is null ? RunPhase.Checked : RunPhase.Refused);
        }
    }

    public void Previewed(PreviewFacts? preview, string? refusal)
    {
        lock (_gate)
        {
            (Preview, Refusal, Phase) = (preview, refusal, refusal is null ? RunPhase.Previewed : RunPhase.Refused);
        }
    }

    public void Sending(SendChoices choices, RunStop stop)
    {
        lock (_gate)
        {
            (Choices, Stop, Progress, Summary) = (choices, stop, null, null);
        }
    }

    public void Watch(ProgressFacts progress)
    {
        lock (_gate)
        {
            Progress = progress;
        }
    }

    /// <summary>A step ended by something no rule foresaw (a full disk, a bug): said on the page; the run may be tried again.</summary>
    public void Failed(string why)
    {
        lock (_gate)
        {
            (Refusal, Phase, Stop) = (why, RunPhase.Refused, null);
        }
    }

    public void Sent(RunSummary? summary, string? refusal)
    {
        lock (_gate)
        {
            (Summary, Refusal, Phase, Stop) = (summary, refusal, summary is null ? RunPhase.Refused : RunPhase.Done, null);
        }
    }
}

/// <summary>What a person chose on the page before sending, with the command line's defaults.</summary>
/// <param name="Rps">As <c>--rps</c>.</param>
/// <param name="Concurrency">As <c>--concurrency</c>.</param>
/// <param name="Undo">As <c>--undo</c> into the run's folder: on unless switched off.</param>
/// <param name="Verify">As <c>--verify</c>.</param>
/// <param name="LiveDiff">As <c>--live-diff</c>: only fields that differ from Liner are sent.</param>
internal sealed record SendChoices(int Rps, int Concurrency, bool Undo, bool Verify, bool LiveDiff);
