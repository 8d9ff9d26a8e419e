using System.Globalization;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// Settings keyed by lead id (<c>Sandbox:Script:7</c>): configuration binds dictionary keys as
/// strings, so each is checked here, once, when the sandbox starts.
/// </summary>
internal static class LeadIdSetting
{
    /// <exception cref="ArgumentException">The key is not an integer > 0; the message names <paramref name="setting"/>.</exception>
    public static long Parse(string key, string setting)
    {
        if (!long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var leadId) || leadId <= 0)
        {
            throw new ArgumentException($"{setting}: \"{key}\" is not a lead id (an integer > 0)", "options");
        }

        return leadId;
    }

    /// <summary>"7" and "007" bind as two keys but are one lead: which entry wins would be an accident.</summary>
    /// <param name="done">What the setting does to a lead, e.g. "scripted": "lead 7 is scripted twice".</param>
    public static ArgumentException Twice(string setting, long leadId, string key, string done) =>
        new($"{setting}: lead {leadId} is {done} twice (as \"{key}\" too)", "options");
}
