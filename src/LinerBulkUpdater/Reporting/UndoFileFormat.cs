using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Reporting;

/// <summary>
/// How an undo file says what it is, so that applying it depends on nothing but the file: its header's last column,
/// <see cref="Column"/>, holds <see cref="Version"/> in every row. The version fixes the file's terms
/// (<see cref="FieldRulesOptions.UndoFile"/>: an empty value is <c>#clear</c> whatever <c>Input:ClearMarker</c> says,
/// times are UTC, phones carry their "+") and that cells hold Liner's values byte for byte, never trimmed. The writer
/// fills that cell last, so a row without it was cut short where the file was being written (a full disk, a power cut):
/// that row is left out, every whole row before it is applied (<see cref="LastRecord.Fills"/>).
/// </summary>
/// <remarks>
/// An undo file written before it had <see cref="Column"/> (header ending in <c>undo_of</c>) is still applied as it was
/// then: its empty values in the settings' clear marker, its cells trimmed; a last row without its line break is left
/// out as cut short, as that writer ended every row with one. New columns (a later version's) go before <see cref="Column"/>,
/// which stays last: format 3 added the <see cref="SetPrefix"/> columns, what the run set, which guard the undo
/// (<see cref="Operating.UndoGuard"/>). A file without them (format 1 or 2) cannot tell a field the run set from one
/// changed since, so it is applied only with <c>--restore-all</c>.
/// </remarks>
internal static class UndoFileFormat
{
    /// <summary>The last column of an undo file: the format's version, in every row the tool wrote whole.</summary>
    public const string Column = "undo_format";

    /// <summary>The format this version writes and reads.</summary>
    public const string Version = "3";

    /// <summary>Before a field's key, the column of the values the run set in it: <c>set:status</c>, <c>set:custom:5</c>.</summary>
    public const string SetPrefix = "set:";

    /// <summary>The column of what the run set in the field of <paramref name="key"/>.</summary>
    public static string SetColumn(string key) => SetPrefix + key;

    /// <summary>Whether <paramref name="header"/> is an undo file's that says its format (<see cref="Column"/>).</summary>
    public static bool IsMarked(IReadOnlyList<string> header) =>
        UndoFile.IsUndoFile(header) && header.Contains(Column, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="header"/> is an undo file's that records what the run set (format 3 on): its undo is guarded.</summary>
    public static bool IsGuarded(IReadOnlyList<string> header) =>
        IsMarked(header) && header.Any(IsSetColumn);

    /// <summary>Whether a header cell is a <see cref="SetPrefix"/> column.</summary>
    public static bool IsSetColumn(string header) => header.StartsWith(SetPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>How the cells of a file with <paramref name="header"/> are read: <paramref name="rules"/>, or an undo file's own.</summary>
    public static FieldRules RulesFor(IReadOnlyList<string> header, FieldRules rules) =>
        IsMarked(header) ? rules.ForUndoFile()
            : UndoFile.IsUndoFile(header) ? rules.ForUnmarkedUndoFile()
            : rules;

    /// <summary>How the last row of a file with <paramref name="header"/> is told whole (<see cref="CsvInputOptions.LastRecordOf"/>).</summary>
    public static LastRecord LastRecordOf(IReadOnlyList<string> header) =>
        IsMarked(header) ? LastRecord.Fills(Column)
            : UndoFile.IsUndoFile(header) ? LastRecord.EndsWithLineBreak
            : LastRecord.AsInput;
}
