namespace LinerBulkUpdater.Ui;

/// <summary>Where one of the page's runs is; the page gets it by <see cref="RunPhases.PageName"/>.</summary>
internal enum RunPhase
{
    /// <summary>Uploaded (or found in the runs folder), not checked yet in this session.</summary>
    New,
    Checking,
    Checked,
    Previewing,
    Previewed,
    Sending,

    /// <summary>Sent: the run's summary is there.</summary>
    Done,

    /// <summary>A step was refused (exit 2) or failed; the reason is shown, and the run may be checked again.</summary>
    Refused,
}

internal static class RunPhases
{
    public static string PageName(this RunPhase phase) => phase.ToString().ToLowerInvariant();

    /// <summary>A step is going: no other may start on the run.</summary>
    public static bool IsWorking(this RunPhase phase) => phase is RunPhase.Checking or RunPhase.Previewing or RunPhase.Sending;
}
