namespace LinerBulkUpdater.Input;

/// <summary>What the check pass over a whole CSV file found out about it.</summary>
/// <param name="Separator">The separator CsvHelper detected, or the one an Excel <c>sep=</c> first line names.</param>
/// <param name="Header">The header cells, trimmed; empty when there is no header.</param>
/// <param name="HeaderRecord">CsvHelper's row number of the header (the first non-blank record); 0 when there is none.</param>
/// <param name="DataRowCount">Non-blank records after the header.</param>
/// <param name="CutOffLine">Line where the dropped last record started, when asked to drop one that no line break ends; else 0.</param>
internal sealed record CsvStructure(char Separator, IReadOnlyList<string> Header, long HeaderRecord, int DataRowCount, long CutOffLine);
