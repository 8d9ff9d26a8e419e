using System.Text.Json;

namespace LinerBulkUpdater.Leads;

/// <summary>
/// What one request came to, over all its attempts: an update, or a read, for which
/// <see cref="Outcome.Updated"/> means it succeeded and <see cref="Data"/> holds the envelope's <c>data</c>.
/// </summary>
internal sealed record SendResult(Outcome Outcome, int? HttpStatus, int Attempts, string Error, JsonElement? Data = null);
