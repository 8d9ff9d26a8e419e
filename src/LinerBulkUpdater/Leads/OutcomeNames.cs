namespace LinerBulkUpdater.Leads;

/// <summary>The outcome as the report's <c>outcome</c> column writes it.</summary>
internal static class OutcomeNames
{
    public static string ToReportName(this Outcome outcome) => outcome switch
    {
        Outcome.Updated => "updated",
        Outcome.Failed => "failed",
        Outcome.Invalid => "invalid",
        Outcome.Skipped => "skipped",
        Outcome.Unchanged => "unchanged",
        Outcome.NotSent => "not_sent",
        Outcome.DryRun => "dry_run",
        Outcome.NotFound => "not_found",
        Outcome.ChangedSince => "changed_since",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
