using System.Globalization;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Ui;

/// <summary>One row of a report as the page's table shows it.</summary>
internal sealed record PreviewRow(int SourceRow, string LeadId, string Outcome, string Changes, string Error);

/// <summary>
/// What a dry run with <c>--live-diff</c> found, read back from its report (the report writer's own file, so the page
/// shows what the command line's preview shows): rows per outcome, rows per field changed, rows per status transition
/// ("Новый → Перезвонить: 312"), and the rows that will not go as they are (invalid, not found, changed since) with why.
/// </summary>
/// <param name="Invalid">The first rows whose outcome needs a person (invalid, failed, not_found, changed_since), with why.</param>
internal sealed record PreviewFacts(
    string Report,
    int Rows,
    IReadOnlyDictionary<string, int> Outcomes,
    IReadOnlyList<KeyValuePair<string, int>> Fields,
    IReadOnlyList<KeyValuePair<string, int>> Statuses,
    IReadOnlyList<PreviewRow> Invalid)
{
    private const int InvalidShown = 100;

    // Rows a person need not look at one by one; every other outcome (invalid, failed, not_found, a guarded undo's changed_since) is listed.
    private static readonly HashSet<string> Fine = [.. new[] { Outcome.DryRun, Outcome.Unchanged, Outcome.Skipped, Outcome.Updated }.Select(outcome => outcome.ToReportName())];

    /// <param name="statusTitles">Liner's status titles by id, to name transitions; empty when they could not be read.</param>
    public static PreviewFacts Read(string report, AppSettings settings, IReadOnlyDictionary<string, string> statusTitles)
    {
        var outcomes = Enum.GetValues<Outcome>().ToDictionary(outcome => outcome.ToReportName(), _ => 0);
        var fields = new Dictionary<string, int>(StringComparer.Ordinal);
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var invalid = new List<PreviewRow>();
        var rows = 0;
        foreach (var row in ReadReport(report, settings))
        {
            rows++;
            outcomes[row.Outcome] = outcomes.GetValueOrDefault(row.Outcome) + 1;
            if (!Fine.Contains(row.Outcome) && invalid.Count < InvalidShown)
            {
                invalid.Add(row);
            }

            foreach (var (field, before, after) in Changes(row.Changes))
            {
                fields[field] = fields.GetValueOrDefault(field) + 1;
                if (field == "status")
                {
                    var transition = $"{Title(before, statusTitles)} → {Title(after, statusTitles)}";
                    statuses[transition] = statuses.GetValueOrDefault(transition) + 1;
                }
            }
        }

        return new(Path.GetFileName(report), rows, outcomes, Ranked(fields), Ranked(statuses), invalid);
    }

    /// <summary>One page of the report's rows, and how many rows there are.</summary>
    public static (IReadOnlyList<PreviewRow> Rows, int Total) Page(string report, AppSettings settings, int page, int size)
    {
        var shown = new List<PreviewRow>(size);
        var total = 0;
        foreach (var row in ReadReport(report, settings))
        {
            if (total >= page * size && shown.Count < size)
            {
                shown.Add(row);
            }

            total++;
        }

        return (shown, total);
    }

    /// <summary>The report's <c>changes</c> cell, <c>status: 2 → 3; client_name: A → B</c>, as (field, before, after); a value holding <c>"; "</c> stays whole.</summary>
    public static IEnumerable<(string Field, string Before, string After)> Changes(string changes)
    {
        var parts = new List<string>();
        foreach (var part in changes.Split("; "))
        {
            if (parts.Count > 0 && !(part.Contains(": ", StringComparison.Ordinal) && part.Contains(" → ", StringComparison.Ordinal)))
            {
                parts[^1] += "; " + part;
            }
            else if (part.Length > 0)
            {
                parts.Add(part);
            }
        }

        foreach (var part in parts)
        {
            var colon = part.IndexOf(": ", StringComparison.Ordinal);
            var arrow = part.IndexOf(" → ", colon + 2, StringComparison.Ordinal);
            if (colon > 0 && arrow > 0)
            {
                yield return (part[..colon], part[(colon + 2)..arrow], part[(arrow + 3)..]);
            }
        }
    }

    private static IEnumerable<PreviewRow> ReadReport(string report, AppSettings settings)
    {
        using var source = RowSources.Open(report, settings.Input, settings.FallbackEncoding);
        var header = source.Header;
        int Column(string name) => header.ToList().FindIndex(cell => string.Equals(cell.TrimStart('\uFEFF'), name, StringComparison.OrdinalIgnoreCase));
        var (number, outcome, error, changes) = (Column("source_row"), Column("outcome"), Column("error"), Column("changes"));
        var lead = header.ToList().FindIndex(cell => string.Equals(cell, LeadFields.LeadId, StringComparison.OrdinalIgnoreCase)
            || (settings.Mapping.Columns.TryGetValue(cell, out var target) && string.Equals(target, LeadFields.LeadId, StringComparison.OrdinalIgnoreCase)));
        foreach (var row in source.ReadRows())
        {
            string Cell(int index) => index >= 0 && index < row.Cells.Length ? row.Cells[index] : "";
            yield return new PreviewRow(
                int.TryParse(Cell(number), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : row.SourceRow,
                Cell(lead),
                Cell(outcome),
                Cell(changes),
                Cell(error));
        }
    }

    private static string Title(string id, IReadOnlyDictionary<string, string> titles) =>
        titles.TryGetValue(id, out var title) ? title : id;

    private static List<KeyValuePair<string, int>> Ranked(Dictionary<string, int> counts) =>
        [.. counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)];
}
