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
