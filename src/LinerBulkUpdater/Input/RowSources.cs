using System.Text;

namespace LinerBulkUpdater.Input;

/// <summary>Opens an input file with the reader its extension calls for.</summary>
internal static class RowSources
{
    /// <param name="fallback">For a CSV file that is not UTF-8 and has no byte order mark: the code page it is in.</param>
    /// <param name="sheet">For a workbook: the sheet's name or 1-based index (<c>--sheet</c> of the input); null for the first.</param>
    /// <param name="truncatedEndIsFine">For an earlier report, which a killed run may have cut off mid-row: drop that row instead of refusing the file.</param>
    /// <param name="lastRecordOf">For an input that may be one of the tool's own files (an undo file): by its header, how its last row is told whole (<see cref="CsvInputOptions.LastRecordOf"/>).</param>
    /// <exception cref="UsageException">The file cannot be used.</exception>
    public static IRowSource Open(
        string path, InputOptions options, Encoding fallback, string? sheet = null, bool truncatedEndIsFine = false, Func<IReadOnlyList<string>, LastRecord>? lastRecordOf = null)
    {
        var extension = System.IO.Path.GetExtension(path);
        if (extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".xlsm", StringComparison.OrdinalIgnoreCase))
        {
            return XlsxRowSource.Open(path, options.Xlsx, sheet);
        }

        if (extension.Equals(".xls", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"{path}: the old Excel .xls format cannot be read; save it as .xlsx or .csv");
        }

        return CsvRowSource.Open(path, new CsvInputOptions { FallbackEncoding = fallback, TolerateTruncatedEnd = truncatedEndIsFine, LastRecordOf = lastRecordOf });
    }
}
