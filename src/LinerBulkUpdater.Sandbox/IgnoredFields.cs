using System.Collections.Frozen;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// <see cref="SandboxOptions.Ignores"/>, checked: per lead, the v1 fields whose new values Liner
/// answers as accepted but does not keep (a trigger that resets them), for the client's <c>--verify</c>; an integration id
/// by its name, a custom field as <c>custom:&lt;id&gt;</c>.
/// </summary>
internal static class IgnoredFields
{
    private const string Setting = $"{SandboxOptions.SectionName}:{nameof(SandboxOptions.Ignores)}";

    /// <exception cref="ArgumentException">A key is no lead id, or an entry no v1 field name (names are case-sensitive).</exception>
    public static FrozenDictionary<long, FrozenSet<string>> Read(SandboxOptions options)
    {
        var ignores = new Dictionary<long, FrozenSet<string>>();
        foreach (var (key, fields) in options.Ignores)
        {
            var leadId = LeadIdSetting.Parse(key, Setting);
            for (var i = 0; i < fields.Count; i++)
            {
                if (!SandboxFields.IsField(fields[i]) && !SandboxFields.IsIntegrationId(fields[i]) && !SandboxCustomFields.All.Any(custom => custom.StoreKey == fields[i]))
                {
                    throw new ArgumentException(
                        $"{Setting}:{key}:{i}: \"{fields[i]}\" is not a field of the v1 update (one of {string.Join(", ", SandboxFields.All)})",
                        nameof(options));
                }
            }

            if (!ignores.TryAdd(leadId, fields.ToFrozenSet(StringComparer.Ordinal)))
            {
                throw LeadIdSetting.Twice(Setting, leadId, key, "listed");
            }
        }

        return ignores.ToFrozenDictionary();
    }
}
