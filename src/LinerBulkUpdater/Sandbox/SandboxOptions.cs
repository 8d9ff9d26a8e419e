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

    /// <summary>
    /// Scripted answers per lead, consumed in order, one per request to that lead's update route;
    /// once a lead's list is used up it behaves normally. Keys are lead ids as strings, because
    /// configuration binds dictionary keys as strings (<c>Sandbox__Script__7__0=503</c>).
    /// Entries (<see cref="Fault.EntrySyntax"/>): <c>200</c> (normal), a status 400-599 (with an envelope),
    /// <c>429[:seconds]</c> and <c>503[:seconds]</c> (with Retry-After), <c>drop</c>,
    /// <c>stall[:seconds]</c>, <c>refuse[:message]</c> (200 with success false), <c>html</c> (a proxy's 502 page).
    /// A scripted entry takes the place of <see cref="Faults"/> for that request.
    /// </summary>
    public Dictionary<string, List<string>> Script { get; set; } = [];

    /// <summary>Random and load-driven faults; all off by default.</summary>
    public SandboxFaults Faults { get; set; } = new();
}
