using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary>A real HttpClient over loopback, with the few calls the sandbox tests make.</summary>
internal sealed class SandboxTestClient(SandboxServer server, string? apiKey = SandboxTestClient.AnyKey) : IDisposable
{
    public const string AnyKey = "test-key";

    private readonly HttpClient _http = new() { BaseAddress = server.BaseUrl };

    public HttpClient Http => _http;

    public Task<EnvelopeAnswer> HealthAsync() => SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/health/check/"));

    public Task<EnvelopeAnswer> UpdateAsync(object leadId, string json, string path = "/v1/lead/update/{0}/") =>
        UpdateAsync(leadId, Encoding.UTF8.GetBytes(json), "application/json", path);

    public Task<EnvelopeAnswer> UpdateAsync(object leadId, byte[] body, string contentType, string path = "/v1/lead/update/{0}/") =>
        SendAsync(UpdateRequest(leadId, body, contentType, path));

    /// <summary>The update's whole response, for what the envelope does not show: headers, a body that is not JSON.</summary>
    public Task<HttpResponseMessage> PostUpdateAsync(object leadId, string json) =>
        SendRawAsync(UpdateRequest(leadId, Encoding.UTF8.GetBytes(json), "application/json", "/v1/lead/update/{0}/"));

    public async Task<EnvelopeAnswer> SendAsync(HttpRequestMessage request)
    {
        using var response = await SendRawAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var envelope = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        var root = envelope.RootElement;
        return new EnvelopeAnswer((int)response.StatusCode, root.GetProperty("success").GetBoolean(),
            root.GetProperty("message").GetString()!, root.GetProperty("data").Clone());
    }

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request)
    {
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return _http.SendAsync(request);
    }

    private static HttpRequestMessage UpdateRequest(object leadId, byte[] body, string contentType, string path)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(HttpMethod.Post, string.Format(path, leadId)) { Content = content };
    }
}
