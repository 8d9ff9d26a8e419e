using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Planning;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// One input file as its plan would take it, for <c>liner-bulk check</c>: every row triaged as a dry run does
/// (<see cref="RowTriage"/>), in one pass, with no lock, no report and nothing sent. A row that names a status when
/// Liner's status list could not be read refuses the run, as it would the run.
/// </summary>
internal static class InputCheck
{
    /// <summary>How many invalid rows are shown: enough to see what kind of mistake it is, not the report.</summary>
    public const int ProblemsShown = 5;

    /// <param name="statuses">Liner's status list, when it could be read; <paramref name="statusesUnread"/> says why not.</param>
    /// <param name="problemsLeft">How many more invalid rows to show (a folder's files share the allowance).</param>
    /// <exception cref="UsageException">A status named by code or title, and no status list.</exception>
    public static InputFindings Inspect(RunPlan plan, IRowSource source, IReadOnlyList<LeadStatus>? statuses, string statusesUnread, int problemsLeft)
    {
        var rules = plan.ReadsStatusList && statuses is not null ? plan.Rules.With(new StatusNames(statuses)) : plan.Rules;
        var statusColumn = StatusColumn.Of(plan.Columns);
        var triage = plan.Triage(rules, dryRun: true);
        var counts = new OutcomeCounts();
        var problems = new List<string>();
        // A check reads no lead, so it cannot tell a dropped zero: every such column is said, even for a --live-diff run.
        var numberColumns = new NumberColumns(zerosGuarded: false);
        var warnings = new List<string>();
        foreach (var row in source.ReadRows())
        {
            if (statuses is null && StatusColumn.NamesStatus(row, statusColumn, rules))
            {
                throw new UsageException($"{plan.InputPath}: the status column names statuses by code or title, and Liner's status list could not be read: {statusesUnread}");
            }

            var (finished, send) = triage.Decide(row);
            if (send is not null)
            {
                warnings.AddRange(numberColumns.FirstOf(send.Update).Select(cell => cell.Warning));
            }

            var outcome = finished?.Outcome ?? Outcome.DryRun;
            counts.Add(outcome);
            if (outcome == Outcome.Invalid && problems.Count < problemsLeft)
            {
                problems.Add($"row {row.SourceRow} (line {row.Line}): {finished!.Error}");
            }
        }

        var mapped = plan.Columns.Fields.Select(column => Named(column.Header, column.Field.Name));
        return new InputFindings(source.Description, source.DataRowCount, [Named(plan.Columns.LeadIdHeader, LeadFields.LeadId), .. mapped], counts, problems, warnings, source.CutOffLine);
    }

    /// <summary>A column as the user wrote it, and the field it is when the names differ: <c>Телефон → client_phone</c>.</summary>
    private static string Named(string header, string field) =>
        string.Equals(header, field, StringComparison.OrdinalIgnoreCase) ? field : $"{header} → {field}";
}
