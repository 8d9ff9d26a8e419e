using System.Text.Json;

namespace LinerBulkUpdater.Sandbox.Tests;

/// <summary>An HTTP status and the Liner envelope that came with it.</summary>
internal sealed record EnvelopeAnswer(int Status, bool Success, string Message, JsonElement Data);
