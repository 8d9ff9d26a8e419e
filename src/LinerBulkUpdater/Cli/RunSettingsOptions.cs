using System.CommandLine;
using System.Globalization;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// The options that decide a run's settings and where its files go, defined once for <c>run</c> and
/// <c>check</c>, so a check reads the settings exactly as the run it stands for would. Each command
/// gets its own instances (a System.CommandLine symbol belongs to one command).
/// </summary>
internal sealed class RunSettingsOptions
{
    public Option<string?> Report { get; } = new("--report") { Description = "Where the report goes, .csv or .xlsx by its extension (default: next to FILE, <name>.report-<UTC stamp> in the input's format)." };

    public Option<string?> BaseUrl { get; } = new("--base-url") { Description = "The Liner API's base URL (setting Liner:BaseUrl)." };

    public Option<int> Rps { get; } = new("--rps") { Description = "At most N requests in any 1 s window, retries included; 0 = no limit." };

    public Option<int> Concurrency { get; } = new("--concurrency") { Description = "At most N requests in flight." };

    public Option<string?> Sheet { get; } = new("--sheet") { Description = "For an .xlsx input: the sheet, by name or 1-based index (default: the first)." };

    public Option<string?> Config { get; } = new("--config") { Description = "A settings file layered over appsettings.json." };

    public Option<string?> SummaryJson { get; } = new("--summary-json") { Description = "Where counts, timings, exit code and paths go as JSON at the end, for monitoring." };

    public Option<bool> Sandbox { get; } = new("--sandbox") { Description = "Start the embedded Liner stand-in on a loopback port and use it as Liner." };

    /// <summary>The options in the order <c>--help</c> lists them, before and after the command's own.</summary>
    public IEnumerable<Option> First => [Report, BaseUrl, Rps, Concurrency, Sheet];

    public IEnumerable<Option> Last => [Config, SummaryJson, Sandbox];

    /// <summary>The settings of this command line: the layers of <see cref="AppSettings.Load"/>, the options on top.</summary>
    /// <exception cref="UsageException">A settings file is missing or malformed, or a value breaks its rule.</exception>
    public AppSettings Load(CliHost host, ParseResult parsed)
    {
        var overrides = new Dictionary<string, string?>();
        Override(overrides, "Liner:BaseUrl", parsed.GetValue(BaseUrl));
        Override(overrides, "Sending:Rps", parsed.GetResult(Rps) is null ? null : parsed.GetValue(Rps).ToString(CultureInfo.InvariantCulture));
        Override(overrides, "Sending:Concurrency", parsed.GetResult(Concurrency) is null ? null : parsed.GetValue(Concurrency).ToString(CultureInfo.InvariantCulture));
        return AppSettings.Load(host, parsed.GetValue(Config), overrides);
    }

    private static void Override(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}
