using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LinerBulkUpdater.Leads;
using Serilog;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// Liner's HTTP surface: one call, one answer read as Liner's envelope
/// <c>{"success": bool, "message": "...", "data": ...}</c>. No retries here: see <see cref="LeadSender"/>.
/// </summary>
internal sealed class LinerClient(HttpClient http, LinerOptions options, ILogger log, TimeProvider time)
{
    // Liner's answers are a few hundred bytes; a proxy's HTML error page can be far larger.
    private const int MaxAnswerBytes = 64 * 1024;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private readonly string _baseUrl = options.BaseUrl.TrimEnd('/');

    public static HttpClient CreateHttpClient(LinerOptions options, int concurrency)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),

            // A redirect would carry X-Api-Key to wherever it points (only Authorization is dropped)
            // and turn each POST into a GET: a redirect is a misconfigured Liner:BaseUrl, said so.
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };

        // Per-attempt timeouts come from the caller's token (LeadSender), so a timeout can be told from a stop.
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", options.ApiKey);
        return http;
    }

    public Uri UpdateUri(long leadId) =>
        new(_baseUrl + options.UpdatePath.Replace("{lead_id}", leadId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

    public async Task<AttemptResult> UpdateAsync(LeadUpdate update, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, UpdateUri(update.LeadId))
        {
            Content = new ByteArrayContent(update.ToJson()) { Headers = { ContentType = Json } },
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return await ReadAnswerAsync(response, cancellationToken);
    }

    /// <summary>One GET of the health check: proves the URL and the key before any row is sent.</summary>
    public async Task<AttemptResult> CheckHealthAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(_baseUrl + options.HealthPath, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return await ReadAnswerAsync(response, cancellationToken, envelopeRequired: false);
    }

    /// <param name="envelopeRequired">
    /// An update is only done when the envelope says so; a health check in front of Liner (a proxy's,
    /// a load balancer's) may answer a plain 200, which is healthy enough.
    /// </param>
    private async Task<AttemptResult> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken, bool envelopeRequired = true)
    {
        var status = (int)response.StatusCode;
        var buffer = ArrayPool<byte>.Shared.Rent(MaxAnswerBytes);
        try
        {
            var answer = buffer.AsMemory(0, await ReadAsync(response.Content, buffer, cancellationToken));
            var (success, message) = ReadEnvelope(answer.Span);
            var result = response.IsSuccessStatusCode
                ? success switch
                {
                    true => AttemptResult.Success with { HttpStatus = status },
                    false => new AttemptResult(false, status, message.Length > 0 ? message : "the API answered success: false"),
                    null when !envelopeRequired => AttemptResult.Success with { HttpStatus = status },
                    null => new AttemptResult(false, status, "the API's answer is not a Liner envelope; the update may or may not have been applied"),
                }
                : status is >= 300 and < 400
                    ? new AttemptResult(false, status, $"redirected to {response.Headers.Location}: fix Liner:BaseUrl")
                    : new AttemptResult(false, status, message.Length > 0 ? message : $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), RetryAfter(response));
            if (!result.Succeeded)
            {
                // The whole answer, for whoever reads the log; the report gets the envelope's message only.
                log.Debug("{Path} answered HTTP {Status}: {Answer}", response.RequestMessage?.RequestUri?.PathAndQuery, status, Encoding.UTF8.GetString(answer.Span[..Math.Min(answer.Length, 2000)]));
            }

            return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => RetryAfterHeader.Read(response.Headers, time.GetUtcNow());

    private static async Task<int> ReadAsync(HttpContent content, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        int read;
        while (length < MaxAnswerBytes && (read = await stream.ReadAsync(buffer.AsMemory(length, MaxAnswerBytes - length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length;
    }

    private static (bool? Success, string Message) ReadEnvelope(ReadOnlySpan<byte> answer)
    {
        try
        {
            var reader = new Utf8JsonReader(WithoutByteOrderMarks(answer));
            using var envelope = JsonDocument.ParseValue(ref reader);
            var root = envelope.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "");
            }

            bool? success = root.TryGetProperty("success", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? flag.GetBoolean()
                : null;
            var message = root.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() ?? "" : "";
            return (success, message);
        }
        catch (JsonException)
        {
            return (null, "");
        }
    }

    /// <summary>
    /// A PHP backend echoes the UTF-8 byte order mark of every source file saved with one that it
    /// includes, so an answer may start with several (whitespace between them too); Utf8JsonReader takes none.
    /// </summary>
    private static ReadOnlySpan<byte> WithoutByteOrderMarks(ReadOnlySpan<byte> answer)
    {
        var rest = answer.TrimStart(" \t\r\n"u8);
        while (rest.StartsWith(ByteOrderMark))
        {
            rest = rest[ByteOrderMark.Length..].TrimStart(" \t\r\n"u8);
        }

        return rest;
    }
}
