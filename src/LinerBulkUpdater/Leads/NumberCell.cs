namespace LinerBulkUpdater.Leads;

/// <summary>
/// A text field's value that came from a spreadsheet's number cell. Excel and LibreOffice read a CSV's <c>001201</c> as
/// the number 1201, and a workbook saved from it holds 1201: sent as it is, it would overwrite the id with one that lost
/// its zeros. Where the run knows what Liner holds, such a row is refused (<see cref="LostZeros"/>); where it does not,
/// the column is warned of once (<see cref="NumberColumns"/>).
/// </summary>
/// <param name="Column">The column as a reason names it: <c>'campaign_id'</c>, <c>'Кампания' (campaign_id)</c>.</param>
/// <param name="Cell">The cell as a spreadsheet names it: <c>D5</c>.</param>
/// <param name="Text">The value read from it, as the row sends it: <c>1201</c>.</param>
internal sealed record NumberCell(UpdateField Field, string Column, string Cell, string Text)
{
    /// <summary>Whether it looks like an id a spreadsheet took for a number: digits alone, with no sign or decimal point.</summary>
    public bool LooksLikeId => Text.Length > 0 && !Text.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>More digits than a spreadsheet keeps of a number (15): what was typed or opened as a number came out rounded.</summary>
    public bool IsLong => Text.Length > 15;

    /// <summary>Why such a column is worth a look, for a run that cannot compare it with Liner.</summary>
    public string Why => IsLong
        ? "a spreadsheet keeps only 15 digits of a number, so a longer id it read as a number is rounded; to keep the ids, format the column as text and enter them again"
        : "a spreadsheet that read ids as numbers dropped their leading zeros (001201 became 1201); to keep them, format the column as text and enter the ids again";

    /// <summary>The warning as one line: <c>column 'campaign_id' has number cells (first D2: 1201): …</c>.</summary>
    public string Warning => $"column {Column} has number cells (first {Cell}: {Text}): {Why}";

    /// <summary>Why an undo file's row with this cell (a spreadsheet saved the file) must not go: it may not be what Liner held.</summary>
    public string InUndoFile =>
        $"column {Column}: {Text} is a number cell ({Cell}) of an undo file saved by a spreadsheet, which drops an id's leading zeros (001201 becomes 1201), "
        + "so it may not be what Liner held; apply the undo file as the run wrote it (CSV)";

    /// <summary>
    /// Why the row must not go: Liner holds this value but with the leading zeros the spreadsheet dropped
    /// (<c>001201</c>, the cell 1201). Null when Liner holds anything else, the same value, or nothing.
    /// </summary>
    /// <param name="held">What Liner holds in the field; null when its answer did not say.</param>
    public string? LostZeros(FieldValue? held)
    {
        // Compared trimmed, as every comparison with Liner is: a value's spaces at its ends are not the question here.
        if (held?.Text?.Trim() is not { Length: > 0 } liner || liner.Length <= Text.Length || liner[0] != '0'
            || !liner.AsSpan().TrimStart('0').SequenceEqual(Text.AsSpan().TrimStart('0')))
        {
            return null;
        }

        return $"column {Column}: {Text} is a number cell ({Cell}), and Liner holds {LeadRowParser.Quote(liner)}: the spreadsheet dropped the leading zeros; "
            + "format the column as text and enter the values again";
    }
}
