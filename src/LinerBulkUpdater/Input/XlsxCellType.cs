namespace LinerBulkUpdater.Input;

/// <summary>What a cell's <c>t</c> attribute says its value is.</summary>
internal enum XlsxCellType
{
    /// <summary>No <c>t</c>, or <c>n</c>: a number (a date too, if its style says so).</summary>
    Number,
    /// <summary><c>s</c>: the value is an index into the shared-strings table.</summary>
    SharedString,
    /// <summary><c>inlineStr</c>, <c>str</c> (a formula's text result), or a type this reader does not know: the value is the text.</summary>
    String,
    /// <summary><c>b</c>: 1 or 0.</summary>
    Boolean,
    /// <summary><c>e</c>: the error's text, e.g. <c>#N/A</c>.</summary>
    Error,
    /// <summary><c>d</c>: an ISO 8601 date-time.</summary>
    IsoDate,
}
