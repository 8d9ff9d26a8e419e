namespace LinerBulkUpdater.Exporting;

/// <summary>Where an export's rows go, as they are read: one file, written row by row, never held whole.</summary>
internal interface IExportWriter : IDisposable
{
    /// <summary>One lead's row, its cells in <see cref="ExportColumns.All"/>'s order.</summary>
    void Write(IReadOnlyList<string> cells);

    /// <summary>Finishes the file (a workbook's closing parts); what was written before a stop is kept either way.</summary>
    void Complete();
}
