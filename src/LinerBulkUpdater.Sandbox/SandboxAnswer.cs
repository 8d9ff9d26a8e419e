using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// What the sandbox answers, in Liner's envelope: <c>{"success": bool, "message": "...", "data": ...}</c>
/// (or, as a fault, a proxy's HTML page or no answer at all). Decided completely before anything is
/// written, so the request is recorded before the client can see the answer (a test that awaits the
/// call then reads <c>Received</c> never races). Immutable, so a fault's answer is built once and reused.
/// </summary>
internal sealed class SandboxAnswer
{
    // What nginx in front of an API shows when the API behind it is down: a client must not try to read it as an envelope.
    private static readonly byte[] BadGatewayPage = Encoding.ASCII.GetBytes(
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
        + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");

    private readonly bool _success;
    private readonly Action<Utf8JsonWriter>? _writeData;
    private readonly bool _dataIsArray;
    private readonly string? _allow;
    private readonly int? _retryAfterSeconds;
    private readonly byte[]? _html;

    private SandboxAnswer(int status, bool success, string message, Action<Utf8JsonWriter>? writeData = null,
        string? allow = null, int? retryAfterSeconds = null, byte[]? html = null, bool dataIsArray = false)
    {
        Status = status;
        _success = success;
        Message = message;
        _writeData = writeData;
        _dataIsArray = dataIsArray;
        _allow = allow;
        _retryAfterSeconds = retryAfterSeconds;
        _html = html;
    }

    /// <summary>The connection is cut with nothing written: <see cref="ReceivedRequest.NoAnswer"/>.</summary>
    public static SandboxAnswer Drop { get; } = new(ReceivedRequest.NoAnswer, false, "");

    /// <summary>A 502 with nginx's HTML error page instead of an envelope.</summary>
    public static SandboxAnswer ProxyErrorPage { get; } = new(StatusCodes.Status502BadGateway, false, "", html: BadGatewayPage);

    public int Status { get; }

    public string Message { get; }

    public bool IsDrop => Status == ReceivedRequest.NoAnswer;

    /// <summary>200 with <c>success: true</c>; <paramref name="writeData"/> writes the properties of <c>data</c>.</summary>
    public static SandboxAnswer Ok(Action<Utf8JsonWriter> writeData) => new(StatusCodes.Status200OK, true, "", writeData);

    /// <summary>200 with <c>success: true</c> and <c>data</c> an array; <paramref name="writeItems"/> writes its items.</summary>
    public static SandboxAnswer OkList(Action<Utf8JsonWriter> writeItems) =>
        new(StatusCodes.Status200OK, true, "", writeItems, dataIsArray: true);

    /// <summary><c>success: false</c>, <c>data: null</c>, <paramref name="message"/> as the reason.</summary>
    public static SandboxAnswer Refused(int status, string message) => new(status, false, message);

    /// <summary>
    /// <see cref="Refused(int, string)"/> with a <c>Retry-After</c> header in whole seconds: the only
    /// form every client parses (the HTTP-date form is rarely honoured).
    /// </summary>
    public static SandboxAnswer Refused(int status, string message, int retryAfterSeconds) =>
        new(status, false, message, retryAfterSeconds: retryAfterSeconds);

    /// <summary>HTTP 200 whose envelope says <c>success: false</c>: how Liner refuses some updates.</summary>
    public static SandboxAnswer RefusedWith200(string message) => new(StatusCodes.Status200OK, false, message);

    public static SandboxAnswer MethodNotAllowed(string allow) =>
        new(StatusCodes.Status405MethodNotAllowed, false, $"method not allowed here; use {allow}", allow: allow);

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = Status;
        if (_retryAfterSeconds is int seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (_html is not null)
        {
            response.ContentType = "text/html";
            response.ContentLength = _html.Length;
            await response.Body.WriteAsync(_html, cancellationToken);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("success", _success);
            json.WriteString("message", Message);
            if (_writeData is null)
            {
                json.WriteNull("data");
            }
            else if (_dataIsArray)
            {
                json.WriteStartArray("data");
                _writeData(json);
                json.WriteEndArray();
            }
            else
            {
                json.WriteStartObject("data");
                _writeData(json);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

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
