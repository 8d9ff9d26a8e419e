namespace LinerBulkUpdater.Input;

/// <summary>
/// One <c>&lt;c&gt;</c> element as stored: where it is, its type and style, its value's text (null when it has none), and
/// whether it holds a formula (<c>&lt;f&gt;</c>), whose value is then the result saved with it, if any.
/// </summary>
internal readonly record struct XlsxRawCell(int Column, XlsxCellType Type, int Style, string? Value, bool Formula = false)
{
    /// <summary>
    /// A formula no program computed: no <c>&lt;v&gt;</c>, or an empty one on a cell that is not text. Scripts
    /// (openpyxl) write <c>&lt;f&gt;SUM(A1:A3)&lt;/f&gt;&lt;v/&gt;</c>; Excel writes an empty <c>&lt;v&gt;</c> only for a
    /// text result that is empty (<c>t="str"</c>), which is a blank.
    /// </summary>
    public bool HasNoSavedValue => Formula && (Value is null || (Value.Length == 0 && Type != XlsxCellType.String));
}
