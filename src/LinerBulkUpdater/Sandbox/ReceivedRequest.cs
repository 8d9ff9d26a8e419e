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

    // The client may send the user's real Liner key to the sandbox; printing a record (a test
    // failure, a debug log) must not leak it, and a byte array prints as its type name anyway.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"At = {At:O}, Method = {Method}, Path = {Path}, LeadId = {LeadId}, ");
        builder.Append($"ApiKey = {(ApiKey is null ? "(none)" : "***")}, ContentType = {ContentType}, ");
        builder.Append($"Body = {Body.Length} bytes, Status = {Status}");
        return true;
    }
}
