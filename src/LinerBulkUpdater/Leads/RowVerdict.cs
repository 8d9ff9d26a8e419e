namespace LinerBulkUpdater.Leads;

/// <summary>What a row becomes: an update to send (maybe with no fields), or the reasons it is invalid.</summary>
internal sealed record RowVerdict(LeadUpdate? Update, string? Problem)
{
    public static RowVerdict Invalid(string problem) => new(null, problem);
}
