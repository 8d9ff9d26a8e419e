using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// What the sandbox answers, in Liner's envelope: <c>{"success": bool, "message": "...", "data": ...}</c>.
/// Decided completely before anything is written, so the request is recorded before the client
/// can see the answer (a test that awaits the call then reads <c>Received</c> never races).
/// </summary>
internal sealed class SandboxAnswer
{
    private readonly Action<Utf8JsonWriter>? _writeData;
    private readonly string? _allow;

    private SandboxAnswer(int status, string message, Action<Utf8JsonWriter>? writeData, string? allow)
    {
        Status = status;
        Message = message;
        _writeData = writeData;
        _allow = allow;
    }

    public int Status { get; }

    public string Message { get; }

    /// <summary>200 with <c>success: true</c>; <paramref name="writeData"/> writes the properties of <c>data</c>.</summary>
    public static SandboxAnswer Ok(Action<Utf8JsonWriter> writeData) => new(StatusCodes.Status200OK, "", writeData, null);

    /// <summary><c>success: false</c>, <c>data: null</c>, <paramref name="message"/> as the reason.</summary>
    public static SandboxAnswer Refused(int status, string message) => new(status, message, null, null);

    public static SandboxAnswer MethodNotAllowed(string allow) =>
        new(StatusCodes.Status405MethodNotAllowed, $"method not allowed here; use {allow}", null, allow);

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("success", Status is >= 200 and < 300);
            json.WriteString("message", Message);
            if (_writeData is null)
            {
                json.WriteNull("data");
            }
            else
            {
                json.WriteStartObject("data");
                _writeData(json);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        response.StatusCode = Status;
        response.ContentType = "application/json";
        // A known length instead of chunked encoding: cheaper, and what most APIs send for small bodies.
        response.ContentLength = buffer.WrittenCount;
        if (_allow is not null)
        {
            response.Headers.Allow = _allow;
        }

        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }
}
