namespace LinerBulkUpdater.Leads;

/// <summary>Settings the field rules depend on, already validated.</summary>
internal sealed record FieldRulesOptions(string DefaultRegion, string ClearMarker, TimeZoneInfo TimeZone)
{
    public static readonly FieldRulesOptions Default = new("RU", "#clear", TimeZoneInfo.Utc);

    /// <summary>
    /// The terms an undo file is written and read in, whatever the settings (<see cref="FieldRules.ForUndoFile"/>): an
    /// empty value is <c>#clear</c>, a time is UTC, a phone is read in RU unless it carries its "+". Fixed for good, not
    /// <see cref="Default"/>: a file written today must mean the same when it is applied, under other settings, later.
    /// </summary>
    public static readonly FieldRulesOptions UndoFile = new("RU", "#clear", TimeZoneInfo.Utc);
}
