using System.Text;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Notifying;
using LinerBulkUpdater.Sandbox;
using LinerBulkUpdater.Sending;
using LinerBulkUpdater.Ui;
using Microsoft.Extensions.Configuration;
using PhoneNumbers;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// Every setting of a run, layered as the reference says — <c>appsettings.json</c> beside the program,
/// then <c>--config FILE</c>, then environment variables (<c>Liner__BaseUrl</c>), then command-line
/// options — bound and validated once, here, then read-only. A bad value is one line and exit 2
/// before any file is opened.
/// </summary>
/// <param name="Rules">What the field rules need, already checked: the phone region, the clear marker, the time zone.</param>
/// <param name="FallbackEncoding">The code page <c>Input:FallbackEncoding</c> names, already resolved.</param>
internal sealed record AppSettings(
    LinerOptions Liner,
    SendingOptions Sending,
    InputOptions Input,
    PhoneOptions Phone,
    MappingOptions Mapping,
    LogOptions Log,
    SandboxOptions Sandbox,
    FieldRulesOptions Rules,
    Encoding FallbackEncoding,
    NotifyOptions Notify,
    UiOptions Ui)
{
    /// <exception cref="UsageException">A settings file is missing or malformed, or a value breaks its rule.</exception>
    public static AppSettings Load(CliHost host, string? configFile, IReadOnlyDictionary<string, string?> overrides)
    {
        var configuration = SettingsLayers.Build(host, configFile, overrides);
        var liner = Bind<LinerOptions>(configuration, LinerOptions.Section);
        var input = Bind<InputOptions>(configuration, InputOptions.Section);
        var phone = Bind<PhoneOptions>(configuration, PhoneOptions.Section);
        var mapping = Bind<MappingOptions>(configuration, MappingOptions.Section);
        var notify = Bind<NotifyOptions>(configuration, NotifyOptions.Section);
        liner.Check();
        notify.Check();
        CheckAliases(mapping);
        return new AppSettings(
            liner with { ApiKey = liner.ApiKey?.Trim() },
            Bind<SendingOptions>(configuration, SendingOptions.Section),
            input,
            phone,
            mapping,
            Bind<LogOptions>(configuration, LogOptions.Section),
            Bind<SandboxOptions>(configuration, SandboxOptions.SectionName),
            new FieldRulesOptions(Region(phone), input.ClearMarker.Trim(), Zone(input)),
            CsvEncodings.ResolveFallback(input.FallbackEncoding),
            notify,
            Bind<UiOptions>(configuration, UiOptions.Section));
    }

    /// <summary>The same settings, run against the embedded stand-in at <paramref name="baseUrl"/>: its key when none is set.</summary>
    public AppSettings AgainstSandbox(Uri baseUrl, string sandboxKey) => this with
    {
        Liner = Liner with
        {
            BaseUrl = baseUrl.ToString().TrimEnd('/'),
            ApiKey = string.IsNullOrEmpty(Liner.ApiKey) ? sandboxKey : Liner.ApiKey,
        },
    };

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The options types are in this assembly and the sandbox's, which a trimmed build keeps whole (TrimmerRootAssembly in the csproj).")]
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
            throw new UsageException($"settings: section {section}: {SettingsLayers.OneLine(exception)}");
        }

        if (OptionRules.Problems(options!, section) is { } problems)
        {
            throw new UsageException($"settings: {problems}");
        }

        return options;
    }

    private static string Region(PhoneOptions phone)
    {
        var region = phone.DefaultRegion.Trim().ToUpperInvariant();
        if (!PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(region))
        {
            throw new UsageException($"settings: Phone:DefaultRegion '{phone.DefaultRegion}' is not a region code such as RU, KZ or BY");
        }

        return region;
    }

    private static TimeZoneInfo Zone(InputOptions input)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(input.TimeZone);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new UsageException($"settings: Input:TimeZone '{input.TimeZone}' is not a known time zone; use e.g. UTC or Europe/Moscow");
        }
    }

    private static void CheckAliases(MappingOptions mapping)
    {
        foreach (var (alias, target) in mapping.Columns)
        {
            if (!string.Equals(target, LeadFields.LeadId, StringComparison.OrdinalIgnoreCase) && LeadFields.Find(target) is null)
            {
                throw new UsageException($"settings: Mapping:Columns maps '{alias}' to '{target}', which is not a field; fields are {LeadFields.LeadId}, {string.Join(", ", LeadFields.All)}");
            }
        }
    }
}
