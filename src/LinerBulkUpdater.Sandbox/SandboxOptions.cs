using System.ComponentModel.DataAnnotations;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// How the embedded Liner stand-in behaves. Read once when the server starts; changing it
/// afterwards has no effect (the server copies what it needs, so tests cannot race it).
/// </summary>
public sealed class SandboxOptions : IValidatableObject
{
    public const string SectionName = "Sandbox";

    /// <summary>The two paths Liner's docs give the lead-status list (heading and examples); both are served.</summary>
    public static readonly IReadOnlyList<string> StatusListRoutes = ["/v2/lead-status/", "/v2/lead-statuses/"];

    /// <summary>Added before every answer, so a local run feels like a remote API (0 = none).</summary>
    [Range(0, 600_000)]
    public int LatencyMs { get; set; }

    /// <summary>
    /// If set, X-Api-Key must equal it. If not, any non-empty key is accepted, so the tool can be
    /// tried with no Liner account (it still refuses a missing key, as Liner does).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Lead ids Liner "does not know": updates and reads of them answer 404 "lead not found".</summary>
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

    /// <summary>
    /// Like <see cref="Script"/>, for the lead's detail reads (<c>GET /v1/lead/detail/</c> and
    /// <c>/v2/lead/detail/</c> share one list, consumed in the order the lead's reads arrive).
    /// Kept apart from <see cref="Script"/> so a script written for updates means the same whether or
    /// not the client reads first.
    /// </summary>
    public Dictionary<string, List<string>> ReadScript { get; set; } = [];

    /// <summary>Like one lead's <see cref="Script"/>, for the reads of the lead-status list (either path), in arrival order.</summary>
    public List<string> StatusListScript { get; set; } = [];

    /// <summary>Like <see cref="StatusListScript"/>, for the pages of the lead list (<c>GET /v2/lead/</c>), in arrival order.</summary>
    public List<string> LeadListScript { get; set; } = [];

    /// <summary>
    /// How many leads the lead list (<c>GET /v2/lead/</c>) holds: leads 1 to N (less <see cref="MissingLeads"/>), created
    /// in that order over 2024 and 2025. A detail read or an update of any other id still finds a lead, as ever.
    /// </summary>
    [Range(0, 100_000_000)]
    public int LeadCount { get; set; } = 1000;

    /// <summary>
    /// Which of <see cref="StatusListRoutes"/> answer; the other answers 404, so a client's fallback
    /// can be tested. Null (the default) serves both; the trailing slash is optional. An array rather
    /// than a list with the defaults in it, because configuration would append to such a list.
    /// </summary>
    public string[]? StatusListPaths { get; set; }

    /// <summary>
    /// Per lead id, v1 field names (case-sensitive) whose new values Liner answers as accepted but does
    /// not keep: the reads go on showing the old value, as when a trigger resets a field. For <c>--verify</c>.
    /// </summary>
    public Dictionary<string, List<string>> Ignores { get; set; } = [];

    /// <summary>
    /// A JSON file of the leads' changed values: read when the sandbox starts (if it exists), written
    /// when it stops (to a temporary file, then renamed over it), so two runs can share leads. None = in memory only.
    /// </summary>
    public string? StateFile { get; set; }

    /// <summary>
    /// A CSV of every request, written when the sandbox stops: seconds since the first request, method, lead id (none for
    /// the status list), status. For benchmarks: two runs sharing the rate limit are told apart by their leads.
    /// </summary>
    public string? RequestLog { get; set; }

    /// <summary>Random and load-driven faults; all off by default.</summary>
    public SandboxFaults Faults { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var path in StatusListPaths ?? [])
        {
            if (!StatusListRoutes.Any(route => IsRoute(path, route)))
            {
                yield return new ValidationResult(
                    $"\"{path}\" is not a path of the status list (one of {string.Join(", ", StatusListRoutes)})", [nameof(StatusListPaths)]);
            }
        }
    }

    /// <summary>Whether <paramref name="route"/> (one of <see cref="StatusListRoutes"/>) answers under these options.</summary>
    internal bool Serves(string route) => StatusListPaths is null || StatusListPaths.Any(path => IsRoute(path, route));

    private static bool IsRoute(string? path, string route) =>
        path is not null && string.Equals(path.Trim().TrimEnd('/'), route.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
