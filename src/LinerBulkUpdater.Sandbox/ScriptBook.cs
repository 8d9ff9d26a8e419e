using System.Collections.Frozen;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// Reads the script settings (<see cref="SandboxOptions.Script"/>, <see cref="SandboxOptions.ReadScript"/>,
/// <see cref="SandboxOptions.StatusListScript"/>) into <see cref="FaultScript"/>s when the sandbox
/// starts, so a typo in settings never waits for its request. Errors name the setting as configuration
/// spells it (<c>Sandbox:Script:7:1</c>), and the lead and entry as a person counts them.
/// </summary>
internal static class ScriptBook
{
    /// <exception cref="ArgumentException">A key is no lead id, a lead is scripted twice, or an entry is no fault.</exception>
    public static FrozenDictionary<long, FaultScript> PerLead(Dictionary<string, List<string>> scripts, string setting, SandboxFaults defaults)
    {
        var read = new Dictionary<long, FaultScript>();
        foreach (var (key, entries) in scripts)
        {
            var leadId = LeadIdSetting.Parse(key, setting);
            var script = Entries(entries, defaults, i => $"{setting}:{key}:{i}: lead {key}, entry {i + 1}");
            if (!read.TryAdd(leadId, script))
            {
                throw LeadIdSetting.Twice(setting, leadId, key, "scripted");
            }
        }

        return read.ToFrozenDictionary();
    }

    /// <exception cref="ArgumentException">An entry is no fault.</exception>
    public static FaultScript Single(List<string> entries, string setting, SandboxFaults defaults) =>
        Entries(entries, defaults, i => $"{setting}:{i}: entry {i + 1}");

    private static FaultScript Entries(List<string> entries, SandboxFaults defaults, Func<int, string> where)
    {
        var faults = new Fault[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            if (!Fault.TryParse(entries[i], defaults, out var fault, out var problem))
            {
                throw new ArgumentException($"{where(i)} \"{entries[i]}\": {problem}", "options");
            }

            faults[i] = fault;
        }

        return new FaultScript(faults);
    }
}
