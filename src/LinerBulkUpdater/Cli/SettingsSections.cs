using System.ComponentModel.DataAnnotations;

namespace LinerBulkUpdater.Cli;

/// <summary>The <c>Phone</c> settings section.</summary>
internal sealed class PhoneOptions
{
    public const string Section = "Phone";

    /// <summary>Region for national numbers such as <c>8 (900) 123-45-67</c>.</summary>
    [Required]
    public string DefaultRegion { get; init; } = "RU";
}

/// <summary>The <c>Mapping</c> settings section.</summary>
internal sealed class MappingOptions
{
    public const string Section = "Mapping";

    /// <summary>Header aliases: <c>"Телефон": "client_phone"</c>.</summary>
    public Dictionary<string, string> Columns { get; init; } = [];
}

/// <summary>The <c>Log</c> settings section.</summary>
internal sealed class LogOptions
{
    public const string Section = "Log";

    /// <summary>Folder of the rolling log files; empty means the user's local application data folder.</summary>
    public string Directory { get; init; } = "";

    [Range(1, 365)]
    public int RetainedDays { get; init; } = 14;
}
