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
    /// <summary>A TRUE/FALSE cell: only a custom field of type bool takes one.</summary>
    Boolean,
    /// <summary>An error cell such as <c>#N/A</c>; its text is the error.</summary>
    Error,
    /// <summary>
    /// A number cell holding more significant digits than Excel keeps (15), such as an id of 17 digits a script wrote
    /// as a number: Excel shows another number, so no field takes it. Its text is the number as the file stores it.
    /// </summary>
    Imprecise,
    /// <summary>
    /// A formula cell with no saved result (a script wrote the formula and nothing computed it): its value is unknown,
    /// and reading it as blank would drop it silently. Its text is empty.
    /// </summary>
    FormulaWithoutValue,
}
