using System.ComponentModel.DataAnnotations;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Sending;
using Microsoft.Extensions.Configuration;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// Every setting of a run, layered as the contract says — <c>appsettings.json</c> beside the program,
/// then <c>--config FILE</c>, then environment variables (<c>Liner__BaseUrl</c>), then command-line
/// options — bound and validated once, here.
/// </summary>
internal sealed record AppSettings(
    LinerOptions Liner,
    SendingOptions Sending,
    InputOptions Input,
    PhoneOptions Phone,
    MappingOptions Mapping,
    LogOptions Log)
{
    /// <summary>The environment variable the API key comes from: never a command-line argument.</summary>
    public const string ApiKeyVariable = "LINER_API_KEY";

    /// <exception cref="UsageException">A settings file is missing or malformed, or a value breaks its rule.</exception>
    public static AppSettings Load(CliHost host, string? configFile, IReadOnlyDictionary<string, string?> overrides)
    {
        var configuration = Build(host, configFile, overrides);
        return new AppSettings(
            Bind<LinerOptions>(configuration, LinerOptions.Section),
            Bind<SendingOptions>(configuration, SendingOptions.Section),
            Bind<InputOptions>(configuration, InputOptions.Section),
            Bind<PhoneOptions>(configuration, PhoneOptions.Section),
            Bind<MappingOptions>(configuration, MappingOptions.Section),
            Bind<LogOptions>(configuration, LogOptions.Section));
    }

    /// <summary>The same layers, for a section another part binds itself (the sandbox's).</summary>
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

    private static IEnumerable<KeyValuePair<string, string?>> FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        foreach (var (name, value) in environment)
        {
            if (name == ApiKeyVariable)
            {
                yield return new($"{LinerOptions.Section}:{nameof(LinerOptions.ApiKey)}", value);
            }
            else if (name.Contains("__", StringComparison.Ordinal))
            {
                yield return new(name.Replace("__", ":", StringComparison.Ordinal), value);
            }
        }
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        T options;
        try
        {
            options = configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException exception)
        {
            throw new UsageException($"settings: section {section}: {OneLine(exception)}");
        }

        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
        {
            throw new UsageException($"settings: {string.Join("; ", problems.Select(problem => $"{section}:{string.Join(",", problem.MemberNames)}: {problem.ErrorMessage}"))}");
        }

        return options;
    }

    private static string OneLine(Exception exception)
    {
        var message = exception.InnerException is { } inner ? $"{exception.Message} {inner.Message}" : exception.Message;
        return message.ReplaceLineEndings(" ");
    }
}
