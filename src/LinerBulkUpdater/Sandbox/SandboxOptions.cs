using System.ComponentModel.DataAnnotations;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// How the embedded Liner stand-in behaves. Read once when the server starts; changing it
/// afterwards has no effect (the server copies what it needs, so tests cannot race it).
/// </summary>
internal sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Added before every answer, so a local run feels like a remote API (0 = none).</summary>
    [Range(0, 600_000)]
    public int LatencyMs { get; set; }

    /// <summary>
    /// If set, X-Api-Key must equal it. If not, any non-empty key is accepted, so the tool can be
    /// tried with no Liner account (it still refuses a missing key, as Liner does).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Lead ids Liner "does not know": they answer 404, to show how the report shows it.</summary>
    public List<long> MissingLeads { get; set; } = [];
}
