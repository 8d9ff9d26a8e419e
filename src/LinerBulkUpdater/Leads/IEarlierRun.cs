namespace LinerBulkUpdater.Leads;

/// <summary>What an earlier run's report says of this input's rows (<c>--resume</c>).</summary>
internal interface IEarlierRun
{
    /// <summary>
    /// How a resumed run's report says a row was skipped because an earlier run updated it (the start of its
    /// <c>error</c> cell): resuming from that report must skip the row again, not send it.
    /// </summary>
    const string UpdatedEarlier = "updated in an earlier run";

    /// <param name="leadIdCell">The row's lead id as its cell has it: a report of another file has other leads at those rows.</param>
    bool WasUpdated(int sourceRow, string leadIdCell);
}
