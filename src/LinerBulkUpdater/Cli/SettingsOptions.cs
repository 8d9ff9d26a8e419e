using System.CommandLine;
using System.Globalization;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// The settings options of every command that reads Liner (<c>run</c>, <c>check</c>, <c>export</c>), defined and read
/// here once: <c>--base-url</c>, <c>--config</c>, <c>--rps</c>, <c>--concurrency</c>, <c>--sandbox</c>. Each command gets
/// its own instance (a System.CommandLine symbol belongs to one command).
/// </summary>
internal sealed class SettingsOptions
{
    private readonly Option<string?> _baseUrl = new("--base-url") { Description = "The Liner API's base URL (setting Liner:BaseUrl)." };
    private readonly Option<string?> _config = new("--config") { Description = "A settings file layered over appsettings.json." };
    private readonly Option<int> _rps = new("--rps") { Description = "At most N requests in any 1 s window, retries included; 0 = no limit." };
    private readonly Option<int> _concurrency = new("--concurrency") { Description = "At most N requests in flight." };
    private readonly Option<bool> _sandbox = new("--sandbox") { Description = "Start the embedded Liner stand-in on a loopback port and use it as Liner." };

    /// <summary>The options, for a command that lists them among its own: base URL, rps, concurrency, config, sandbox.</summary>
    public (Option BaseUrl, Option Rps, Option Concurrency, Option Config, Option Sandbox) Each => (_baseUrl, _rps, _concurrency, _config, _sandbox);

    public string? ConfigPath(ParseResult parsed) => parsed.GetValue(_config);

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _baseUrl, _config, _rps, _concurrency, _sandbox })
        {
            command.Options.Add(option);
        }
    }

    public bool Sandbox(ParseResult parsed) => parsed.GetValue(_sandbox);

    /// <exception cref="UsageException">A settings file is missing or malformed, or a value breaks its rule.</exception>
    public AppSettings Load(CliHost host, ParseResult parsed)
    {
        var overrides = new Dictionary<string, string?>();
        if (parsed.GetValue(_baseUrl) is { } url)
        {
            overrides["Liner:BaseUrl"] = url;
        }

        if (parsed.GetResult(_rps) is not null)
        {
            overrides["Sending:Rps"] = parsed.GetValue(_rps).ToString(CultureInfo.InvariantCulture);
        }

        if (parsed.GetResult(_concurrency) is not null)
        {
            overrides["Sending:Concurrency"] = parsed.GetValue(_concurrency).ToString(CultureInfo.InvariantCulture);
        }

        return AppSettings.Load(host, parsed.GetValue(_config), overrides);
    }
}
