namespace LinerBulkUpdater.Leads;

/// <summary>What a spreadsheet cell held, where the file says (CSV cells are all <see cref="Text"/>).</summary>
internal enum CellKind
{
    /// <summary>Text, or a cell with nothing to say about its type.</summary>
    Text,
    /// <summary>A number cell; its text is the number in invariant form, no exponent, no trailing <c>.0</c>.</summary>
    Number,
    /// <summary>A date cell; its text is the local date-time in ISO 8601 with no offset (<c>2026-12-01T10:00:00</c>).</summary>
    Date,
    /// <summary>A TRUE/FALSE cell: no field takes one.</summary>
    Boolean,
    /// <summary>An error cell such as <c>#N/A</c>; its text is the error.</summary>
    Error,
}
