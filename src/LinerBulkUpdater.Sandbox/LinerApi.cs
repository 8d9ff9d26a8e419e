using System.Collections.Frozen;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// What Liner answers, and in which order it checks: method, key (and its revocation), lead id,
/// then known lead, content type, body. Decides from a request whose body is already read; writes nothing.
/// </summary>
internal sealed class LinerApi
{
    public const string ApiKeyHeader = "X-Api-Key";

    private static readonly SandboxAnswer LeadNotFound = SandboxAnswer.Refused(StatusCodes.Status404NotFound, "lead not found");

    private readonly LeadStore _leads;
    private readonly string? _apiKey;
    private readonly FrozenSet<long> _missingLeads;
    private readonly int _rejectKeyAfter;
    private long _keyUses;

    public LinerApi(SandboxOptions options, LeadStore leads)
    {
        _leads = leads;
        _apiKey = string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey;
        _missingLeads = options.MissingLeads.ToFrozenSet();
        _rejectKeyAfter = options.Faults.RejectKeyAfter;
    }

    public SandboxAnswer Health(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method))
        {
            return SandboxAnswer.MethodNotAllowed(HttpMethods.Get);
        }

        return RefuseKey(request, isUpdate: false) ?? SandboxAnswer.Ok(static json => json.WriteString("status", "ok"));
    }

    /// <summary>
    /// What Liner checks before it looks at the lead: method, key, lead id. Null if the request
    /// passes (with its lead id); faults are decided only after this, so they never hide a wrong key or URL.
    /// Only an update counts as a use of the key (<see cref="SandboxFaults.RejectKeyAfter"/>); a read only looks.
    /// </summary>
    public SandboxAnswer? Admit(HttpRequest request, bool isUpdate, out long leadId)
    {
        leadId = 0;
        var method = isUpdate ? HttpMethods.Post : HttpMethods.Get;
        if (!string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return SandboxAnswer.MethodNotAllowed(method);
        }

        if (RefuseKey(request, isUpdate) is { } refusedKey)
        {
            return refusedKey;
        }

        if (LeadIdOf(request) is not long parsed)
        {
            var (name, raw) = LeadIdRouteValue(request);
            return SandboxAnswer.Refused(StatusCodes.Status400BadRequest, $"{name} must be an integer > 0, not \"{raw}\"");
        }

        leadId = parsed;
        return null;
    }

    /// <summary>The status list's method and key checks: null if the request passes.</summary>
    public SandboxAnswer? AdmitList(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) ? RefuseKey(request, isUpdate: false) : SandboxAnswer.MethodNotAllowed(HttpMethods.Get);

    /// <summary>An admitted detail read: the lead in the version's shape, or 404 for a lead Liner does not know.</summary>
    public SandboxAnswer ReadLead(long leadId, SandboxRoute version)
    {
        if (_missingLeads.Contains(leadId))
        {
            return LeadNotFound;
        }

        var lead = _leads.Current(leadId);
        return version == SandboxRoute.LeadDetailV1
            ? SandboxAnswer.Ok(json => V1DetailAnswer.Write(json, lead))
            : SandboxAnswer.Ok(json => V2DetailAnswer.Write(json, lead));
    }

    /// <summary>The lead-status list; the same for every request, so it is built once.</summary>
    public static SandboxAnswer StatusList { get; } = SandboxAnswer.OkList(SandboxStatuses.WriteItems);

    /// <summary>The rest of an admitted v1 update: known lead, content type, body; stores it if all pass.</summary>
    public SandboxAnswer Update(HttpRequest request, long leadId, byte[] body) => Store(request, leadId, body, LeadUpdateBody.TryRead, "lead_id");

    /// <summary>The rest of an admitted v2 update: known lead, content type, its custom values; stores them if all pass.</summary>
    public SandboxAnswer UpdateV2(HttpRequest request, long leadId, byte[] body) => Store(request, leadId, body, CustomValuesBody.TryRead, "leadId");

    /// <summary>The custom-field list, all of it or one essence's (<c>?essence=leads</c>).</summary>
    public SandboxAnswer CustomFieldList(HttpRequest request)
    {
        var essence = request.Query["essence"].ToString();
        return SandboxAnswer.OkList(json => SandboxCustomFields.WriteItems(json, essence.Length == 0 ? null : essence));
    }

    /// <summary>A page of the lead list (<see cref="LeadListQuery"/>), or 422 naming what is wrong with the query.</summary>
    public SandboxAnswer LeadList(HttpRequest request) =>
        LeadListQuery.TryRead(request.Query, out var query, out var problem)
            ? LeadListAnswer.Page(query, _leads, _missingLeads)
            : SandboxAnswer.Refused(StatusCodes.Status422UnprocessableEntity, problem);

    public static SandboxAnswer NotFound() => SandboxAnswer.Refused(StatusCodes.Status404NotFound, "not found");

    /// <param name="read">The version's body rules.</param>
    /// <param name="idName">How the answer names the lead id: the version's spelling.</param>
    private SandboxAnswer Store(HttpRequest request, long leadId, byte[] body, JsonBody.Reader read, string idName)
    {
        if (_missingLeads.Contains(leadId))
        {
            return LeadNotFound;
        }

        if (!IsUtf8Json(request.ContentType))
        {
            return SandboxAnswer.Refused(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type must be application/json (UTF-8), not \"{request.ContentType}\"");
        }

        if (!read(body, out var fields, out var refusal))
        {
            return refusal;
        }

        _leads.Apply(leadId, fields);
        return SandboxAnswer.Ok(json => json.WriteNumber(idName, leadId));
    }

    /// <summary>The lead id of a lead's route, or null if it is not an integer > 0 (or the route has none).</summary>
    public static long? LeadIdOf(HttpRequest request) =>
        LeadIdRouteValue(request).Raw is string raw
        && long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var leadId)
        && leadId > 0
            ? leadId
            : null;

    /// <summary>v1 routes spell the parameter <c>lead_id</c>, v2 ones <c>leadId</c>, as Liner's docs do.</summary>
    private static (string Name, string? Raw) LeadIdRouteValue(HttpRequest request) =>
        request.RouteValues.TryGetValue("leadId", out var v2) ? ("leadId", v2 as string) : ("lead_id", request.RouteValues["lead_id"] as string);

    private SandboxAnswer? RefuseKey(HttpRequest request, bool isUpdate)
    {
        var key = request.Headers[ApiKeyHeader].ToString();
        if (key.Length == 0)
        {
            return SandboxAnswer.Refused(StatusCodes.Status401Unauthorized, $"missing API key: send it in the {ApiKeyHeader} header");
        }

        if (_apiKey is not null && !string.Equals(key, _apiKey, StringComparison.Ordinal))
        {
            return SandboxAnswer.Refused(StatusCodes.Status401Unauthorized, "invalid API key");
        }

        return IsKeyRevoked(isUpdate) ? SandboxAnswer.Refused(StatusCodes.Status401Unauthorized, "API key revoked") : null;
    }

    /// <summary>
    /// <see cref="SandboxFaults.RejectKeyAfter"/>: each update counts as a use of the key, so exactly
    /// that many get through even when they arrive together; a health check only looks.
    /// </summary>
    private bool IsKeyRevoked(bool isUpdate)
    {
        if (_rejectKeyAfter == 0)
        {
            return false;
        }

        return isUpdate
            ? Interlocked.Increment(ref _keyUses) > _rejectKeyAfter
            : Interlocked.Read(ref _keyUses) >= _rejectKeyAfter;
    }

    private static bool IsUtf8Json(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // JSON is UTF-8 by definition (RFC 8259); another charset means the client is confused.
        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset);
        return !charset.HasValue
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
