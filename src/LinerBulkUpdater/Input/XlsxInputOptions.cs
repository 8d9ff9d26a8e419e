using System.ComponentModel.DataAnnotations;

namespace LinerBulkUpdater.Input;

/// <summary>
/// How XLSX files are read (the <c>Input:Xlsx</c> settings section). The limits stop a broken or
/// hostile workbook before it takes the machine's memory; each is far above what a real sheet of leads needs.
/// </summary>
internal sealed class XlsxInputOptions
{
    /// <summary>The sum of the zip entries' uncompressed sizes: a few kilobytes of zip can claim gigabytes of XML.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUncompressedBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Cells (<c>&lt;c&gt;</c> elements, empty ones too) in the chosen sheet.</summary>
    [Range(1, long.MaxValue)]
    public long MaxCells { get; init; } = 50_000_000;

    /// <summary>Entries of the shared-strings table, which has to be held in memory whole.</summary>
    [Range(1, int.MaxValue)]
    public int MaxSharedStrings { get; init; } = 5_000_000;

    /// <summary>Characters of the shared-strings table, all entries together (two bytes each in memory).</summary>
    [Range(1, long.MaxValue)]
    public long MaxSharedStringChars { get; init; } = 500_000_000;
}
