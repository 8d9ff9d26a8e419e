namespace LinerBulkUpdater.Input;

/// <summary>
/// How a CSV file's last record is told whole. An input's is read as it is (a last line needs no line break; a quote
/// left open refuses the file). One of the tool's own files may have been cut short where it was being written (a full
/// disk, a power cut, a kill -9): a last record that was is left out, never read in part, and the rest is read.
/// </summary>
/// <param name="MayBeCut">The file is one of the tool's own, written record by record, so its last record may be cut short.</param>
/// <param name="WholeWhenFilled">A column its writer fills last in every record: a record with that cell blank was cut short, however its line ends.</param>
internal sealed record LastRecord(bool MayBeCut, string? WholeWhenFilled)
{
    /// <summary>An input's: read as it is.</summary>
    public static readonly LastRecord AsInput = new(false, null);

    /// <summary>Its writer ends every record with a line break, so a last record without one was cut short.</summary>
    public static readonly LastRecord EndsWithLineBreak = new(true, null);

    /// <summary>Its writer fills <paramref name="column"/> last in every record, so a record that lacks it was cut short.</summary>
    public static LastRecord Fills(string column) => new(true, column);
}
