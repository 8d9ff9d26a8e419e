namespace LinerBulkUpdater.Leads;

/// <summary>What each lead is known to hold before the run sends anything (<c>--baseline</c>).</summary>
internal interface IKnownValues
{
    /// <summary>Cuts <paramref name="update"/> down to the fields that differ, and learns what it sets, for the lead's later rows.</summary>
    /// <returns>The fields that differ (maybe none); null when nothing is known of the lead, so all of it is sent.</returns>
    /// <param name="changes">What the fields that differ change, for the report's <c>changes</c>.</param>
    LeadUpdate? Diff(LeadUpdate update, out string changes);
}
