using System.Text.Json;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary>The read calls of the sandbox tests, over the same real HttpClient as the updates.</summary>
internal static class SandboxReads
{
    public static Task<EnvelopeAnswer> GetAsync(this SandboxTestClient client, string path) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public static Task<EnvelopeAnswer> DetailV2Async(this SandboxTestClient client, object leadId) =>
        client.GetAsync($"/v2/lead/detail/{leadId}/");

    public static Task<EnvelopeAnswer> DetailV1Async(this SandboxTestClient client, object leadId) =>
        client.GetAsync($"/v1/lead/detail/{leadId}/");

    /// <summary>A property of <c>data</c> as what it is on the wire: string, long, bool, or null.</summary>
    public static object? Value(this EnvelopeAnswer answer, string name) =>
        answer.Data.GetProperty(name) switch
        {
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            { ValueKind: JsonValueKind.Number } number => number.GetInt64(),
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { ValueKind: JsonValueKind.Null } => null,
            var other => other.GetRawText(),
        };
}
