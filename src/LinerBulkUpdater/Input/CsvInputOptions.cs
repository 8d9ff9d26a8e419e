namespace LinerBulkUpdater.Input;

/// <summary>How CSV files are read (bound from the <c>Input</c> section).</summary>
internal sealed class CsvInputOptions
{
    /// <summary>
    /// The code page of files that have no byte order mark and are not valid UTF-8.
    /// windows-1251 is what Excel on a Russian Windows writes when told "CSV".
    /// </summary>
    public System.Text.Encoding FallbackEncoding { get; init; } = CsvEncodings.DefaultFallback;

    /// <summary>
    /// Drop a last record that no line break ends (a partial line, or a quoted cell that never closes)
    /// instead of refusing the file. For our own reports only: the report writer ends every record with
    /// a line break, so such a record is where a killed run's report was cut off. Never for input, where
    /// a missing final line break is normal and an open quote must stop the run.
    /// </summary>
    public bool TolerateTruncatedEnd { get; init; }

    /// <summary>
    /// For the tool's own files among inputs, told apart by their header (an undo file's): how the last record is told
    /// whole, and that a file ending in half a UTF-8 character was cut there. Null, or <see cref="LastRecord.AsInput"/>
    /// for a header: read as an input.
    /// </summary>
    public Func<IReadOnlyList<string>, LastRecord>? LastRecordOf { get; init; }
}
