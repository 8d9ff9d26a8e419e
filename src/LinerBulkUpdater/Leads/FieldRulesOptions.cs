namespace LinerBulkUpdater.Leads;

/// <summary>Settings the field rules depend on, already validated.</summary>
internal sealed record FieldRulesOptions(string DefaultRegion, string ClearMarker, TimeZoneInfo TimeZone)
{
    public static readonly FieldRulesOptions Default = new("RU", "#clear", TimeZoneInfo.Utc);
}
