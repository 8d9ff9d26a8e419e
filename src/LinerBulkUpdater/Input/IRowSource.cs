using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Input;

/// <summary>An input file, checked as far as can be before its first row is handed out, then streamed.</summary>
internal interface IRowSource : IDisposable
{
    /// <summary>The path as the user gave it, for messages.</summary>
    string Path { get; }

    /// <summary>The header cells, trimmed.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>Non-blank rows after the header: how many <see cref="ReadRows"/> yields (for progress and estimates).</summary>
    int DataRowCount { get; }

    /// <summary>
    /// The line where a last row that was cut short starts, which is left out (one of the tool's own files, cut where it
    /// was being written: <see cref="LastRecord"/>); 0 when there is none.
    /// </summary>
    long CutOffLine { get; }

    /// <summary>For the log: what was found, e.g. <c>utf-8, delimiter ';'</c> or <c>sheet 'Leads'</c>.</summary>
    string Description { get; }

    /// <summary>The non-blank data rows, in file order; streaming, constant memory.</summary>
    IEnumerable<RawRow> ReadRows(CancellationToken cancellationToken = default);
}
