namespace LinerBulkUpdater.Leads;

/// <summary>A header cell that names a field.</summary>
internal sealed record MappedColumn(int Index, string Header, UpdateField Field);
