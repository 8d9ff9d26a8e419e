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
    // Liner's answers to updates are a few hundred bytes; a proxy's HTML error page can be far larger.
    private const int MaxAnswerBytes = 64 * 1024;

    // A lead's detail carries its questionnaire log (sourceComment), which may be long.
    private const int MaxReadBytes = 1024 * 1024;

    /// <summary>
    /// A page of the lead list holds 100 leads as their details: a typical page is 100-300 KB, and 32 MB allows leads whose
    /// logs average over 300 KB. Not 100 detail caps: a page is held twice while it is parsed, and a sweep's whole run must
    /// stay well under 150 MB.
    /// </summary>
    public const int MaxPageBytes = 32 * 1024 * 1024;

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

    /// <summary>The v1 update's URL, or the v2 update's for integration ids and custom values (<see cref="LeadUpdate.IsV2"/>).</summary>
    public Uri UpdateUri(long leadId, bool v2 = false) =>
        new(_baseUrl + WithLeadId(v2 ? options.UpdateV2Path : options.UpdatePath, leadId));

    /// <summary>The path (under the base URL) of a lead's detail, v2 or v1.</summary>
    public string DetailPath(long leadId, bool v1) =>
        WithLeadId(v1 ? options.LeadDetailV1Path : options.LeadDetailPath, leadId);

    public async Task<AttemptResult> UpdateAsync(LeadUpdate update, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, UpdateUri(update.LeadId, update.IsV2))
        {
            Content = new ByteArrayContent(update.ToJson()) { Headers = { ContentType = Json } },
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return await ReadAnswerAsync(response, cancellationToken);
    }

    /// <summary>
    /// One read (<c>GET</c> of <paramref name="path"/>, appended to the base URL): succeeded only with an
    /// envelope that says so, its <c>data</c> in <see cref="AttemptResult.Data"/>.
    /// </summary>
    /// <param name="maxBytes">The answer's size cap: a lead's detail's unless said (<see cref="MaxPageBytes"/> for a list page).</param>
    public async Task<AttemptResult> ReadAsync(string path, CancellationToken cancellationToken, int maxBytes = MaxReadBytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _baseUrl + path);

        // Liner's own samples send it on every call, reads included.
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return await ReadAnswerAsync(response, cancellationToken, keepData: true, maxReadBytes: maxBytes);
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
    /// <param name="keepData">A read: the envelope's <c>data</c> is what was asked for.</param>
    private async Task<AttemptResult> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken, bool envelopeRequired = true, bool keepData = false, int maxReadBytes = MaxReadBytes)
    {
        var status = (int)response.StatusCode;
        var limit = keepData ? maxReadBytes : MaxAnswerBytes;

        // Started small and grown only for a long answer: a megabyte rented per read would miss the pool and cost a GC.
        using var buffer = new AnswerBuffer(Math.Min(limit, 16 * 1024));
        // The length first: reading may swap the buffer for a larger one, and the answer is in that one.
        var length = await ReadAsync(response.Content, buffer, limit, cancellationToken);
        var answer = buffer.Bytes.AsMemory(0, length);
        if (keepData && answer.Length == limit && response.IsSuccessStatusCode)
        {
            return new AttemptResult(false, status, $"Liner's answer is larger than {limit / (1024 * 1024)} MB, which the tool does not read");
        }

        var (success, message, data) = ReadEnvelope(answer.Span, keepData);
        var result = response.IsSuccessStatusCode
            ? success switch
            {
                true => AttemptResult.Success with { HttpStatus = status, Data = data },
                false => new AttemptResult(false, status, message.Length > 0 ? message : "the API answered success: false"),
                null when !envelopeRequired => AttemptResult.Success with { HttpStatus = status },
                null => new AttemptResult(false, status, keepData ? "the API's answer is not a Liner envelope" : "the API's answer is not a Liner envelope; the update may or may not have been applied"),
            }
            : status is >= 300 and < 400
                ? new AttemptResult(false, status, $"redirected to {response.Headers.Location}: fix Liner:BaseUrl")
                : new AttemptResult(false, status, message.Length > 0 ? message : $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), RetryAfter(response));
        if (QuotaHeaders.Read(response.Headers, time.GetUtcNow()) is { } quota)
        {
            result = result with { Quota = quota };
        }

        if (!result.Succeeded)
        {
            // The whole answer, for whoever reads the log; the report gets the envelope's message only.
            log.Debug("{Path} answered HTTP {Status}: {Answer}", response.RequestMessage?.RequestUri?.PathAndQuery, status, Encoding.UTF8.GetString(answer.Span[..Math.Min(answer.Length, 2000)]));
        }

        return result;
    }

    private static string WithLeadId(string path, long leadId) =>
        path.Replace("{lead_id}", leadId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private TimeSpan? RetryAfter(HttpResponseMessage response) => RetryAfterHeader.Read(response.Headers, time.GetUtcNow());

    /// <returns>The answer's length in <paramref name="buffer"/>, grown as needed; at most <paramref name="limit"/> bytes are read.</returns>
    private static async Task<int> ReadAsync(HttpContent content, AnswerBuffer buffer, int limit, CancellationToken cancellationToken)
    {
        var length = 0;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        while (length < limit)
        {
            if (length == buffer.Bytes.Length)
            {
                buffer.Grow(Math.Min(limit, length * 2), length);
            }

            var read = await stream.ReadAsync(buffer.Bytes.AsMemory(length, Math.Min(buffer.Bytes.Length, limit) - length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length;
    }

    private static (bool? Success, string Message, JsonElement? Data) ReadEnvelope(ReadOnlySpan<byte> answer, bool keepData)
    {
        try
        {
            var reader = new Utf8JsonReader(WithoutByteOrderMarks(answer));
            using var envelope = JsonDocument.ParseValue(ref reader);
            var root = envelope.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "", null);
            }

            bool? success = root.TryGetProperty("success", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? flag.GetBoolean()
                : null;
            var message = root.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() ?? "" : "";
            JsonElement? data = keepData && root.TryGetProperty("data", out var payload) ? payload.Clone() : null;
            return (success, message, data);
        }
        catch (JsonException)
        {
            return (null, "", null);
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

    /// <summary>A pooled buffer that may be swapped for a larger one, and goes back to the pool once, whatever happens.</summary>
    private sealed class AnswerBuffer(int size) : IDisposable
    {
        public byte[] Bytes { get; private set; } = ArrayPool<byte>.Shared.Rent(size);

        public void Grow(int size, int keep)
        {
            var larger = ArrayPool<byte>.Shared.Rent(size);
            Bytes.AsSpan(0, keep).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(Bytes);
            Bytes = larger;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(Bytes);
    }
}
