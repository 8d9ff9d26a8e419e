using System.Text;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// One request as the sandbox received it, with the status it answered (499 if the client went
/// away before the answer). <see cref="Body"/> is the raw bytes off the wire, so tests can check
/// exactly what the client sent: UTF-8 rather than \u escapes, sparse fields, key order.
/// </summary>
internal sealed record ReceivedRequest(DateTimeOffset At, string Method, string Path, long? LeadId,
    string? ApiKey, string? ContentType, byte[] Body, int Status)
{
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
