namespace LinerBulkUpdater.Input;

/// <summary>A sheet as <c>workbook.xml</c> lists it: its tab name and the relationship to its part.</summary>
internal sealed record XlsxSheetEntry(string Name, string RelationshipId);
