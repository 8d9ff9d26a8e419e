using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Operating;

namespace LinerBulkUpdater.Planning;

/// <summary>
/// One input's run, decided before its first request (<see cref="RunPlanner"/>): the options and what they mean
/// (<see cref="Mode"/>), the column map and field rules, what it compares with, where its files go. <c>run</c> executes
/// it (<see cref="UpdateJob"/>); <c>check</c> prints it (<see cref="PlanText"/>). Nothing downstream asks which options were given.
/// </summary>
/// <param name="ReportPath">Where the report goes: <c>--report</c>, or beside the input.</param>
/// <param name="UndoPath">The undo file this run writes (a new file, never one that exists), or null.</param>
/// <param name="Custom">Liner's custom fields, when the header had columns that needed them; null when not read.</param>
/// <param name="ReadsStatusList">
/// The input has a status column: Liner's status list is read through the run at the first status cell that is no id
/// (so a file of ids never reads it), see <see cref="Sending.StatusListOnDemand"/>.
/// </param>
/// <param name="Resume">The earlier report (<c>--resume</c>): rows it says were updated are not sent again.</param>
/// <param name="Baseline">Last time's export (<c>--baseline</c>): only fields that differ from it are sent.</param>
/// <param name="Mode">What the options mean together, for this input: applying an undo file reads each lead and may guard (<see cref="RunMode.ForUndoFile"/>).</param>
/// <param name="Guard">Applying an undo file that records what its run set: what it set, so a field changed since is left alone.</param>
internal sealed record RunPlan(
    RunOptions Options,
    string InputPath,
    string ReportPath,
    string? UndoPath,
    ColumnMap Columns,
    FieldRules Rules,
    CustomFields? Custom,
    bool ReadsStatusList,
    ResumeIndex? Resume,
    Baseline? Baseline,
    RunMode Mode,
    UndoGuard? Guard)
{
    /// <summary>How each row is checked and decided before any request, with <paramref name="rules"/> (the plan's, with status names when read).</summary>
    /// <param name="index">In a <c>--match-by</c> run, the sweep's key → lead id (or why there is none).</param>
    public RowTriage Triage(FieldRules rules, bool dryRun, (LeadIndex? Leads, string? Unavailable) index = default) =>
        new(new LeadRowParser(Columns, rules, index), Resume, Baseline, Guard, dryRun, Columns.MatchKey?.Column);

    /// <summary>Whether the input sets a field of the v1 update, and one of the v2 update (an integration id, a custom field).</summary>
    public (bool V1, bool V2) Updates => (Columns.Fields.Any(column => !column.Field.InV2Update), Columns.Fields.Any(column => column.Field.InV2Update));

    /// <summary>What the run asks of Liner, in the order it asks: each request with why.</summary>
    public IEnumerable<(string Request, string Why)> Requests(Sending.LinerOptions liner)
    {
        if (Mode.RowsReachLiner)
        {
            yield return ($"GET {liner.HealthPath}", "once, before the first row: the URL and the key");
        }
        else if (Custom is not null || ReadsStatusList)
        {
            // A dry run opens Liner for its lists, as a run for its rows (LinerConnection.OpenAsync).
            yield return ($"GET {liner.HealthPath}", "once, before Liner is first read: the URL and the key");
        }

        if (Custom is not null)
        {
            yield return ($"GET {liner.CustomFieldListPath}", "once: the custom fields the columns name");
        }

        if (ReadsStatusList)
        {
            yield return ($"GET {liner.StatusListPath}", "once, at the first status given by code or title (none for a file of ids)");
        }

        if (Columns.MatchKey is { } key)
        {
            yield return ($"GET {liner.LeadListPath}", $"page by page, once, before the first row: the lead list swept for each row's lead by {key.Field.Name}");
            if (key.ReadsV1)
            {
                yield return ($"GET {liner.LeadDetailV1Path}", $"each lead swept, for its {key.Field.Name}, which only the v1 detail shows");
            }
        }

        if (Mode.ReadsBefore)
        {
            yield return ($"GET {liner.LeadDetailPath}", $"each lead, before its first row is {(Mode.Writes ? "sent" : "compared")}");
            yield return ($"GET {liner.LeadDetailV1Path}", "also, for a row that sets campaign_id or external_id (which v2 lacks)");
        }

        if (Mode.Writes)
        {
            var (v1, v2) = Updates;
            if (v1)
            {
                yield return ($"POST {liner.UpdatePath}", "each row with a field to change");
            }

            if (v2)
            {
                yield return ($"POST {liner.UpdateV2Path}", v1 ? "each row with integration ids or custom values, after its v1 update landed" : "each row with integration ids or custom values");
            }
        }

        if (Mode.ReadsAfter)
        {
            yield return ($"GET {liner.LeadDetailPath}", "each lead again after its update: a field Liner did not keep fails the row");
        }
    }
}
