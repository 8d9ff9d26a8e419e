using System.CommandLine;
using LinerBulkUpdater.Planning;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// Every option of a run, defined once for <c>run</c> and <c>check</c>, so a check takes exactly the options of the run
/// it stands for and reads them the same way (<see cref="Read"/>, <see cref="Load"/>); the settings options are
/// <see cref="SettingsOptions"/>'s, as <c>export</c>'s are. Each command gets its own instances (a System.CommandLine
/// symbol belongs to one command).
/// </summary>
internal sealed class RunOptionSet
{
    private readonly Option<string?> _report = new("--report") { Description = "Where the report goes, .csv or .xlsx by its extension (default: next to FILE, <name>.report-<UTC stamp> in the input's format)." };
    private readonly Option<string?> _sheet = new("--sheet") { Description = "For an .xlsx input: the sheet, by name or 1-based index (default: the first)." };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Read and check every row, send nothing." };
    private readonly Option<string?> _resume = new("--resume") { Description = "An earlier report of this input: rows it says were updated are skipped (works after kill -9)." };
    private readonly Option<string?> _baseline = new("--baseline") { Description = "Last time's export: only fields whose values differ from it are sent." };
    private readonly Option<bool> _liveDiff = new("--live-diff") { Description = "Read each lead from Liner first and send only the fields that differ; a lead with none is unchanged." };
    private readonly Option<string> _undo = new("--undo") { Description = "Write Liner's values before each change to this undo file (a folder in a folder run), ahead of the update; liner-bulk run on it puts them back." };
    private readonly Option<bool> _restoreAll = new("--restore-all") { Description = "Applying an undo file: put back every value it holds, also where someone changed the field since the run (by default such a field is left alone and its row is changed_since)." };
    private readonly Option<bool> _verify = new("--verify") { Description = "Read each lead back after its update; a field Liner did not keep fails the row." };
    private readonly Option<string?> _summaryJson = new("--summary-json") { Description = "Where counts, timings, exit code and paths go as JSON at the end, for monitoring." };
    private readonly Option<string?> _matchBy = new("--match-by") { Description = "Find each row's lead by this field (client_phone, an integration id, a custom field) instead of a lead_id column: Liner's lead list is swept once." };
    private readonly Option<string?> _createdFrom = new("--created-from") { Description = "With --match-by: sweep the leads created from this date or date-time (default: setting Liner:EarliestLead)." };
    private readonly Option<string?> _createdTo = new("--created-to") { Description = "With --match-by: sweep the leads created up to this date (the whole day) or date-time (default: when the sweep starts)." };

    private readonly SettingsOptions _settings = new();

    /// <summary>Adds every option to <paramref name="command"/>, in the order <c>--help</c> lists them.</summary>
    public void AddTo(Command command)
    {
        var (baseUrl, rps, concurrency, config, sandbox) = _settings.Each;
        Option[] all = [_report, baseUrl, rps, concurrency, _sheet, _dryRun, _resume, _baseline, _liveDiff, _undo, _restoreAll, _verify, config, _summaryJson, sandbox, _matchBy, _createdFrom, _createdTo];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The run these options ask for.</summary>
    /// <param name="input">The FILE argument: null for a check of the settings alone.</param>
    public RunOptions Read(ParseResult parsed, string? input) => new(
        input, parsed.GetValue(_report), parsed.GetValue(_dryRun), parsed.GetValue(_sheet), parsed.GetValue(_resume), parsed.GetValue(_baseline),
        parsed.GetValue(_summaryJson), _settings.ConfigPath(parsed), parsed.GetValue(_liveDiff), parsed.GetValue(_undo), parsed.GetValue(_verify),
        _settings.Sandbox(parsed), parsed.GetValue(_restoreAll), parsed.GetValue(_matchBy), parsed.GetValue(_createdFrom), parsed.GetValue(_createdTo));

    /// <summary>The settings of this command line: the layers of <see cref="AppSettings.Load"/>, the options on top.</summary>
    /// <exception cref="UsageException">A settings file is missing or malformed, or a value breaks its rule.</exception>
    public AppSettings Load(CliHost host, ParseResult parsed) => _settings.Load(host, parsed);
}
