using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace LinerBulkUpdater.Sandbox;

/// <summary>What every update body must be before Liner looks at its fields: UTF-8, and JSON.</summary>
internal static class JsonBody
{
    /// <summary>An update body's rules: the fields to store (a cleared one as null), or the refusal Liner would answer.</summary>
    public delegate bool Reader(byte[] body,
        [NotNullWhen(true)] out List<KeyValuePair<string, object?>>? fields,
        [NotNullWhen(false)] out SandboxAnswer? refusal);

    /// <param name="document">The parsed body; the caller disposes it.</param>
    /// <param name="refusal">The 400 Liner would answer otherwise.</param>
    public static bool TryParse(byte[] body, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out SandboxAnswer? refusal)
    {
        (document, refusal) = (null, null);
        // Catches a client that sends its input's legacy code page (windows-1251) instead of UTF-8.
        if (!Utf8.IsValid(body))
        {
            refusal = SandboxAnswer.Refused(StatusCodes.Status400BadRequest, "request body is not valid UTF-8");
            return false;
        }

        try
        {
            document = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException exception)
        {
            refusal = SandboxAnswer.Refused(StatusCodes.Status400BadRequest, $"malformed JSON: {exception.Message}");
            return false;
        }
    }
}
