using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// One input file as a run would take it, for <c>liner-bulk check</c>: opened, its header mapped and every
/// row triaged as a dry run does (<see cref="RowTriage"/>), with no lock, no report and nothing sent.
/// What would stop the run (an unknown column, an open quote) is a <see cref="UsageException"/>, as in a run.
/// </summary>
internal sealed class InputCheck(AppSettings settings)
{
    /// <summary>How many invalid rows are shown: enough to see what kind of mistake it is, not the report.</summary>
    public const int ProblemsShown = 5;

    /// <param name="statuses">Liner's status list, when it could be read; a file that names statuses needs it, as a run does.</param>
    /// <param name="problemsLeft">How many more invalid rows to show (a folder's files share the allowance).</param>
    /// <param name="custom">Liner's custom fields, for columns that are no update field; as a run, one that maps to none is refused.</param>
    public InputFindings Inspect(string path, string? sheet, IReadOnlyList<LeadStatus>? statuses, string statusesUnread, CustomFields custom, int problemsLeft)
    {
        using var source = RowSources.Open(path, settings.Input, settings.FallbackEncoding, sheet);
        var columns = ColumnMap.Build(Path.GetFileName(path), source.Header, settings.Mapping.Columns, ReportColumns.IgnoredIn(source.Header), custom);
        var rules = UndoFile.IsUndoFile(source.Header) ? new FieldRules(settings.Rules).ForUndoFile() : new FieldRules(settings.Rules);
        if (StatusColumn.NamesStatuses(source.ReadRows(), columns, rules))
        {
            rules = rules.With(statuses is null
                ? throw new UsageException($"{path}: the status column names statuses by code or title, and Liner's status list could not be read: {statusesUnread}")
                : new StatusNames(statuses));
        }

        var triage = new RowTriage(new LeadRowParser(columns, rules), resume: null, baseline: null, dryRun: true);
        var counts = new OutcomeCounts();
        var problems = new List<string>();
        foreach (var row in source.ReadRows())
        {
            var (finished, _) = triage.Decide(row);
            var outcome = finished?.Outcome ?? Outcome.DryRun;
            counts.Add(outcome);
            if (outcome == Outcome.Invalid && problems.Count < problemsLeft)
            {
                problems.Add($"row {row.SourceRow} (line {row.Line}): {finished!.Error}");
            }
        }

        var mapped = columns.Fields.Select(column => Named(column.Header, column.Field.Name));
        return new InputFindings(source.Description, source.DataRowCount, [Named(columns.LeadIdHeader, LeadFields.LeadId), .. mapped], counts, problems);
    }

    /// <summary>A column as the user wrote it, and the field it is when the names differ: <c>Телефон → client_phone</c>.</summary>
    private static string Named(string header, string field) =>
        string.Equals(header, field, StringComparison.OrdinalIgnoreCase) ? field : $"{header} → {field}";
}
