using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Operating;

/// <summary>What <see cref="InputCheck"/> found in one file.</summary>
/// <param name="Format">How it was read, e.g. <c>utf-8, delimiter ';'</c> or <c>sheet 'Leads'</c>.</param>
/// <param name="Columns">The columns the run would use, with the field each maps to.</param>
/// <param name="Outcomes">What a dry run would make of its rows.</param>
/// <param name="Problems">The first invalid rows, each with its reason.</param>
/// <param name="Warnings">What a run would warn of without changing any row's outcome: a text column of number cells (<see cref="NumberColumns"/>).</param>
/// <param name="CutOffLine">Where an undo file's last row starts that was cut short, and is not applied; 0 when none was.</param>
internal sealed record InputFindings(string Format, int DataRows, IReadOnlyList<string> Columns, OutcomeCounts Outcomes, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings, long CutOffLine = 0);
