using System.Collections.Frozen;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// The v1 update's field names, as Liner spells them (case-sensitive on the wire). The sandbox keeps
/// a lead's values under these names, whichever API version reads them.
/// </summary>
internal static class SandboxFields
{
    public const string ClientName = "client_name";
    public const string ClientPhone = "client_phone";
    public const string QuizLog = "quiz_log";
    public const string CampaignId = "campaign_id";
    public const string ExternalId = "external_id";
    public const string Status = "status";
    public const string CallTimestamp = "call_timestamp";
    public const string Priority = "priority";
    public const string UtcOffset = "utc_offset";
    public const string TelegramUserName = "telegramUserName";
    public const string TelegramPhone = "telegramPhone";
    public const string VkId = "vkId";
    public const string InstagramLogin = "instagramLogin";

    public const string ExternalIdBitrix24 = "externalIdBitrix24";
    public const string ExternalIdAmo = "externalIdAmo";
    public const string ExternalIdMacro = "externalIdMacro";
    public const string ExternalIdDomoplaner = "externalIdDomoplaner";

    /// <summary>Every field of the v1 update, in the API document's order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ClientName, ClientPhone, QuizLog, CampaignId, ExternalId, Status, CallTimestamp, Priority, UtcOffset,
        TelegramUserName, TelegramPhone, VkId, InstagramLogin,
    ];

    /// <summary>Fields whose value is a string (stored as string).</summary>
    public static FrozenSet<string> Text { get; } = FrozenSet.Create(StringComparer.Ordinal,
        ClientName, ClientPhone, QuizLog, CampaignId, ExternalId, TelegramUserName, TelegramPhone, InstagramLogin);

    /// <summary>Fields whose value is an integer (stored as long).</summary>
    public static FrozenSet<string> Integer { get; } = FrozenSet.Create(StringComparer.Ordinal,
        Status, CallTimestamp, Priority, UtcOffset, VkId);

    /// <summary>The integration ids (strings): only the v2 update sets them, beside the custom values.</summary>
    public static IReadOnlyList<string> IntegrationIds { get; } = [ExternalIdBitrix24, ExternalIdAmo, ExternalIdMacro, ExternalIdDomoplaner];

    /// <summary>Every field a lead keeps besides its custom values: the v1 update's, then the integration ids (a state file's order).</summary>
    public static IReadOnlyList<string> Stored { get; } = [.. All, .. IntegrationIds];

    /// <summary>Whether <paramref name="name"/> is a field of the v1 update.</summary>
    public static bool IsField(string name) => Text.Contains(name) || Integer.Contains(name);

    public static bool IsIntegrationId(string name) => IntegrationIds.Contains(name, StringComparer.Ordinal);

    /// <summary>Whether a lead keeps <paramref name="name"/> as a string.</summary>
    public static bool IsStoredText(string name) => Text.Contains(name) || IsIntegrationId(name);
}
