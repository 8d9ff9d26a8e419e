using System.Net.Http.Headers;
using System.Text.Json;

namespace LinerBulkUpdater.Notifying;

/// <summary>
/// The two calls of Telegram's Bot API the tool makes: <c>sendMessage</c> at the end of a run, <c>getMe</c> for
/// <c>check</c>. Every answer is <c>{"ok": bool, "result": ..., "description": "why not"}</c>. The token is part of each
/// URL's path, so no URL is ever shown.
/// </summary>
internal sealed class TelegramBot(HttpClient http, TelegramOptions options)
{
    // The Bot API's answers are small; a proxy's error page can be larger, and is not read past this.
    private const int MaxAnswerBytes = 64 * 1024;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Plain text (no parse mode: nothing in a path or a reason can break Markdown or HTML).</summary>
    public async Task<Delivery> SendAsync(string text, CancellationToken cancellationToken)
    {
        // Written field by field: the single file is trimmed, and reflection-based serialization would not survive it.
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("chat_id", options.ChatId);
            json.WriteString("text", text);
            json.WriteEndObject();
        }

        var body = buffer.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, Method("sendMessage"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var (ok, detail) = await ReadAsync(response, "", cancellationToken);
        return ok ? Delivery.Done : Delivery.Refused((int)response.StatusCode, detail);
    }

    /// <summary>Whether the token is a bot's: its <c>@username</c>, or why not. Sends nothing to the chat.</summary>
    public async Task<(bool Answers, string Detail)> GetMeAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Method("getMe"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var (ok, detail) = await ReadAsync(response, "username", cancellationToken);
        return ok ? (true, detail.Length > 0 ? "@" + detail : "a bot") : (false, detail.Length > 0 ? $"HTTP {(int)response.StatusCode}: {detail}" : $"HTTP {(int)response.StatusCode}");
    }

    private Uri Method(string name) => new($"{options.BaseUrl.TrimEnd('/')}/bot{options.BotToken}/{name}");

    /// <returns>Whether the answer says ok, and its <c>result.<paramref name="field"/></c> when it does, or its description when not.</returns>
    private static async Task<(bool Ok, string Detail)> ReadAsync(HttpResponseMessage response, string field, CancellationToken cancellationToken)
    {
        var bytes = new byte[MaxAnswerBytes];
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var length = await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
        try
        {
            using var answer = JsonDocument.Parse(bytes.AsMemory(0, length));
            var root = answer.RootElement;
            var ok = response.IsSuccessStatusCode && root.TryGetProperty("ok", out var flag) && flag.ValueKind == JsonValueKind.True;
            if (ok)
            {
                return (true, field.Length > 0 && root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object
                    && result.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "");
            }

            return (false, root.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String ? description.GetString()! : "");
        }
        catch (JsonException)
        {
            return (false, "the answer is not the Bot API's JSON");
        }
    }
}
