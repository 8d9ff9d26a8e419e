namespace LinerBulkUpdater.Leads;

/// <summary>What a row becomes: an update to send (maybe with no fields), or the reasons it is not sent.</summary>
/// <param name="Refused">What a row with no update ends as: invalid, or (<c>--match-by</c>) not_found or not_sent.</param>
/// <param name="MatchedLeadId">The lead a <c>--match-by</c> row's key found, for the report's <c>matched_lead_id</c>.</param>
internal sealed record RowVerdict(LeadUpdate? Update, string? Problem, Outcome Refused = Outcome.Invalid, long? MatchedLeadId = null)
{
    public static RowVerdict Invalid(string problem) => new(null, problem);
}
