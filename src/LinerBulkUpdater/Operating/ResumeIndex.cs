using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// The rows an earlier run of the same input already updated (<c>--resume REPORT</c>), so a run that was
/// stopped or killed can go on without sending them again. Keyed by source_row, with the lead id the
/// report had there (in a <c>--match-by</c> run, the row's key as written), so that a report of another file, or of
/// this file before it changed, is refused.
/// </summary>
internal sealed class ResumeIndex : IEarlierRun
{
    private readonly string _path;
    private readonly Dictionary<int, string> _leadBySourceRow;
    private readonly bool _byKey;

    private ResumeIndex(string path, Dictionary<int, string> leadBySourceRow, bool byKey)
    {
        _path = path;
        _leadBySourceRow = leadBySourceRow;
        _byKey = byKey;
    }

    public int UpdatedCount => _leadBySourceRow.Count;

    /// <summary>
    /// Reads the report whole. Open a CSV report with <see cref="CsvInputOptions.TolerateTruncatedEnd"/>, so that
    /// the line a kill -9 cut off is left out rather than refused.
    /// </summary>
    /// <param name="inputHeader">The header of the input being run, to check the report is one of it.</param>
    /// <param name="leadIdHeader">The input's name for its lead id column (<see cref="ColumnMap.LeadIdHeader"/>; it may be an alias).</param>
    /// <param name="byKey">A <c>--match-by</c> run: <paramref name="leadIdHeader"/> is the key's column, compared as text.</param>
    /// <exception cref="UsageException">The report is not one of this input, or an updated row in it is damaged.</exception>
    public static ResumeIndex Load(IRowSource report, IReadOnlyList<string> inputHeader, string leadIdHeader = LeadFields.LeadId, bool byKey = false, CancellationToken cancellationToken = default)
    {
        var layout = ReportLayout.Of(report.Path, report.Header, inputHeader, leadIdHeader);
        var leadBySourceRow = new Dictionary<int, string>();
        foreach (var row in report.ReadRows(cancellationToken))
        {
            if (!SaysUpdated(row, layout))
            {
                continue;
            }

            var sourceRow = Cell(row, layout.SourceRowColumn);
            var leadId = Cell(row, layout.LeadIdColumn);
            var lead = 0L;
            if (!FieldRules.TryReadInteger(sourceRow, out var number) || number is < 1 or > int.MaxValue
                || (byKey ? leadId.Length == 0 : !FieldRules.TryReadInteger(leadId, out lead)))
            {
                throw new UsageException(
                    $"{report.Path}: line {row.Line}: an updated row with source_row '{sourceRow}' and lead id '{leadId}' cannot be matched; was the report edited?");
            }

            var held = byKey ? leadId : lead.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (leadBySourceRow.TryGetValue((int)number, out var earlier) && earlier != held)
            {
                throw new UsageException($"{report.Path}: row {number} is both {Lead(earlier, byKey)} and {Lead(held, byKey)}; {ReportLayout.DoesNotBelong}");
            }

            leadBySourceRow[(int)number] = held;
        }

        return new ResumeIndex(report.Path, leadBySourceRow, byKey);
    }

    /// <summary>True when the earlier run updated this input row, so it is skipped now.</summary>
    /// <param name="leadIdCell">The row's lead id cell as read, untrimmed.</param>
    /// <exception cref="UsageException">The report had another lead at this source_row.</exception>
    public bool WasUpdated(int sourceRow, string leadIdCell)
    {
        if (!_leadBySourceRow.TryGetValue(sourceRow, out var there))
        {
            return false;
        }

        var cell = leadIdCell.Trim();
        if (_byKey ? cell == there : FieldRules.TryReadInteger(cell, out var same) && same.ToString(System.Globalization.CultureInfo.InvariantCulture) == there)
        {
            return true;
        }

        var now = cell.Length == 0 ? "blank" : !_byKey && FieldRules.TryReadInteger(cell, out var here) ? $"lead {here}" : $"{(_byKey ? "key" : "lead")} '{cell}'";
        throw new UsageException($"{_path}: row {sourceRow} was {Lead(there, _byKey)} there, is {now} here; {ReportLayout.DoesNotBelong}");
    }

    /// <summary>
    /// Matches every row of the input against the report before anything is sent, so a report of another
    /// file stops the run with nothing sent rather than part-way. Costs one extra read of the input.
    /// </summary>
    /// <returns>How many input rows will be skipped.</returns>
    /// <exception cref="UsageException">A row's lead differs from the report's, or an updated row of the report is not in the input.</exception>
    public int CheckAgainst(IRowSource input, int leadIdColumn, CancellationToken cancellationToken = default)
    {
        var matched = 0;
        foreach (var row in input.ReadRows(cancellationToken))
        {
            if (WasUpdated(row.SourceRow, leadIdColumn < row.Cells.Length ? row.Cells[leadIdColumn] : ""))
            {
                matched++;
            }
        }

        if (matched < UpdatedCount)
        {
            var present = input.ReadRows(cancellationToken).Select(row => row.SourceRow).ToHashSet();
            var missing = _leadBySourceRow.Keys.Where(sourceRow => !present.Contains(sourceRow)).Min();
            throw new UsageException(
                $"{_path}: row {missing} was {Lead(_leadBySourceRow[missing], _byKey)} there, and this input has no row {missing}; {ReportLayout.DoesNotBelong}");
        }

        return matched;
    }

    private static bool SaysUpdated(RawRow row, ReportLayout layout)
    {
        var outcome = Cell(row, layout.OutcomeColumn);
        return outcome.Equals(Outcome.Updated.ToReportName(), StringComparison.OrdinalIgnoreCase)
            || (outcome.Equals(Outcome.Skipped.ToReportName(), StringComparison.OrdinalIgnoreCase)
                && layout.ErrorColumn >= 0
                && Cell(row, layout.ErrorColumn).StartsWith(IEarlierRun.UpdatedEarlier, StringComparison.OrdinalIgnoreCase));
    }

    private static string Cell(RawRow row, int index) => index < row.Cells.Length ? row.Cells[index].Trim() : "";

    /// <summary>How a message names what a report row was: <c>lead 17</c>, or in a <c>--match-by</c> run <c>key '+7 900 …'</c>.</summary>
    private static string Lead(string held, bool byKey) => byKey ? $"key '{held}'" : $"lead {held}";
}
