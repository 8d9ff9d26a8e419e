using System.Text;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// One request as the sandbox received it, with the status it answered: <see cref="ClientClosedRequest"/>
/// (499) if the client went away before the answer, <see cref="NoAnswer"/> (0) if the sandbox cut
/// the connection on purpose (a <c>drop</c> fault). <see cref="Body"/> is the raw bytes off the wire,
/// so tests can check exactly what the client sent: UTF-8 rather than \u escapes, sparse fields, key order.
/// </summary>
internal sealed record ReceivedRequest(DateTimeOffset At, string Method, string Path, long? LeadId,
    string? ApiKey, string? ContentType, byte[] Body, int Status)
{
    /// <summary>The <see cref="Status"/> of a dropped request: no HTTP status was sent at all.</summary>
    public const int NoAnswer = 0;

    /// <summary>nginx's 499: the client closed the connection before it was answered (e.g. its timeout fired).</summary>
    public const int ClientClosedRequest = 499;

    /// <summary>The route it matched; <see cref="LeadId"/> is set for the lead routes (update and both detail reads).</summary>
    public SandboxRoute Route { get; init; }

    /// <summary>A POST to the update route, answered or refused: what <c>Updates</c> holds.</summary>
    public bool IsUpdate => Route == SandboxRoute.Update && string.Equals(Method, "POST", StringComparison.OrdinalIgnoreCase);

    /// <summary>A GET of a lead's details (v1 or v2) or of the status list, answered or refused: what <c>Reads</c> holds.</summary>
    public bool IsRead =>
        Route is SandboxRoute.LeadDetailV1 or SandboxRoute.LeadDetailV2 or SandboxRoute.StatusList
        && string.Equals(Method, "GET", StringComparison.OrdinalIgnoreCase);

    // The client may send the user's real Liner key to the sandbox; printing a record (a test
    // failure, a debug log) must not leak it, and a byte array prints as its type name anyway.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"At = {At:O}, Route = {Route}, Method = {Method}, Path = {Path}, LeadId = {LeadId}, ");
        builder.Append($"ApiKey = {(ApiKey is null ? "(none)" : "***")}, ContentType = {ContentType}, ");
        builder.Append($"Body = {Body.Length} bytes, Status = {Status}");
        return true;
    }
}
