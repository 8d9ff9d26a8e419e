using LinerBulkUpdater.Sending;
using Microsoft.Extensions.Configuration;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// The layers settings come from, lowest first: <c>appsettings.json</c> beside the program,
/// <c>--config FILE</c>, the environment, the command line. Bound into <see cref="AppSettings"/>.
/// </summary>
internal static class SettingsLayers
{
    /// <exception cref="UsageException">The <c>--config</c> file is missing, or a settings file is not valid JSON.</exception>
    public static IConfiguration Build(CliHost host, string? configFile, IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(host.ProgramDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        if (configFile is not null)
        {
            var path = Path.GetFullPath(configFile);
            if (!File.Exists(path))
            {
                throw new UsageException($"--config: cannot read '{configFile}': file not found");
            }

            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        }

        builder.AddInMemoryCollection(FromEnvironment(host.Environment)).AddInMemoryCollection(overrides);
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException exception)
        {
            throw new UsageException($"settings: {OneLine(exception)}");
        }
    }

    public static string OneLine(Exception exception)
    {
        var message = exception.InnerException is { } inner ? $"{exception.Message} {inner.Message}" : exception.Message;
        return message.ReplaceLineEndings(" ");
    }

    /// <summary>
    /// Settings keys are case-insensitive, environment variables (on Unix) are not, so two variables can
    /// name one setting. Which wins is fixed: <c>LINER_API_KEY</c>, the documented one, over
    /// <c>Liner__ApiKey</c>; otherwise the name that sorts last in ordinal order, which puts the mixed-case
    /// spelling of the reference (<c>Liner__BaseUrl</c>) over a shouted one (<c>LINER__BASEURL</c>).
    /// </summary>
    private static Dictionary<string, string?> FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment.OrderBy(variable => variable.Key, StringComparer.Ordinal))
        {
            if (name.Contains("__", StringComparison.Ordinal))
            {
                settings[name.Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        }

        if (environment.TryGetValue(LinerOptions.ApiKeyVariable, out var key))
        {
            settings[$"{LinerOptions.Section}:{nameof(LinerOptions.ApiKey)}"] = key;
        }

        return settings;
    }
}
