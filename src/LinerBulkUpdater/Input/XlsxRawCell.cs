namespace LinerBulkUpdater.Input;

/// <summary>One <c>&lt;c&gt;</c> element as stored: where it is, its type and style, and its value's text (null when it has none).</summary>
internal readonly record struct XlsxRawCell(int Column, XlsxCellType Type, int Style, string? Value);
