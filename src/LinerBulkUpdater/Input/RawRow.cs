namespace LinerBulkUpdater.Input;

internal sealed record RawRow(int SourceRow, long Line, string[] Cells);
