using System.ComponentModel.DataAnnotations;

namespace LinerBulkUpdater.Cli;

/// <summary>The <c>Log</c> settings section.</summary>
internal sealed class LogOptions
{
    public const string Section = "Log";

    /// <summary>Folder of the rolling log files; empty means the user's local application data folder.</summary>
    public string Directory { get; init; } = "";

    [Range(1, 365)]
    public int RetainedDays { get; init; } = 14;
}
