namespace LinerBulkUpdater.Input;

/// <summary>How CSV files are read (bound from the <c>Input</c> section).</summary>
internal sealed class CsvInputOptions
{
    /// <summary>
    /// The code page of files that have no byte order mark and are not valid UTF-8.
    /// windows-1251 is what Excel on a Russian Windows writes when told "CSV".
    /// </summary>
    public string FallbackEncoding { get; set; } = "windows-1251";
}
