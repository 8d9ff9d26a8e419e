using System.ComponentModel.DataAnnotations;

namespace LinerBulkUpdater.Input;

/// <summary>The <c>Input</c> settings section.</summary>
internal sealed class InputOptions
{
    public const string Section = "Input";

    /// <summary>For files that are not valid UTF-8 and have no BOM: what Excel on a Russian Windows writes.</summary>
    [Required]
    public string FallbackEncoding { get; init; } = "windows-1251";

    /// <summary>A cell holding this clears the field: <c>""</c> for text, <c>null</c> for integers.</summary>
    [Required]
    public string ClearMarker { get; init; } = "#clear";

    /// <summary>Time zone for date-times written without an offset (IANA or Windows id).</summary>
    [Required]
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Limits that keep a hostile or broken workbook from exhausting memory (<c>Input:Xlsx</c>).</summary>
    public XlsxInputOptions Xlsx { get; init; } = new();
}
