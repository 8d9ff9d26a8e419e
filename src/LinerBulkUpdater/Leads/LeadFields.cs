namespace LinerBulkUpdater.Leads;

/// <summary>
/// The lead's own fields a run sets: the 13 fields of <c>POST /v1/lead/update/{lead_id}/</c>, in the API document's
/// order, then the four integration ids, which only <c>POST /v2/lead/update/{leadId}/</c> takes (CONTRACT §8).
/// </summary>
/// <remarks>
/// Each with its name in Liner's lead detail (liner-api-reads.md §3): the v2 detail's, or, for <c>campaign_id</c> and
/// <c>external_id</c>, which v2 lacks, the v1 detail's. The integration ids have one name in the v2 update and detail.
/// </remarks>
internal static class LeadFields
{
    /// <summary>The path parameter: not a body field, but every row must carry it.</summary>
    public const string LeadId = "lead_id";

    public static readonly LeadField ClientName = new("client_name", FieldKind.Text, "text", "name");
    public static readonly LeadField ClientPhone = new("client_phone", FieldKind.Phone, "phone number, sent as E.164 digits (8 (900) 123-45-67 → 79001234567)", "phone");
    public static readonly LeadField QuizLog = new("quiz_log", FieldKind.Text, "free text, may itself be JSON", "sourceComment");
    public static readonly LeadField CampaignId = new("campaign_id", FieldKind.Text, "text; leading zeros are kept", "UF_CAMPAIGN_ID", v1Detail: true);
    public static readonly LeadField ExternalId = new("external_id", FieldKind.Text, "text", "UF_EXTERNAL_ID", v1Detail: true);
    public static readonly LeadField Status = new("status", FieldKind.Integer, "integer", "statusId");
    public static readonly LeadField CallTimestamp = new("call_timestamp", FieldKind.Timestamp, "Unix seconds or an ISO 8601 date-time", "planningCallDateTime", min: 0);
    public static readonly LeadField Priority = new("priority", FieldKind.Integer, "integer", "priority");
    public static readonly LeadField UtcOffset = new("utc_offset", FieldKind.Integer, "hours from UTC, -12 to 14", "utcOffset", min: -12, max: 14);
    public static readonly LeadField TelegramUserName = new("telegramUserName", FieldKind.Handle, "Telegram username; a leading @ is dropped", "telegramUserName");
    public static readonly LeadField TelegramPhone = new("telegramPhone", FieldKind.Phone, "phone number, sent as E.164 digits", "telegramPhone");
    public static readonly LeadField VkId = new("vkId", FieldKind.Integer, "VK user id, greater than 0", "vkId", min: 1);
    public static readonly LeadField InstagramLogin = new("instagramLogin", FieldKind.Handle, "Instagram login; a leading @ is dropped", "instagramLogin");

    public static readonly LeadField ExternalIdBitrix24 = Integration("externalIdBitrix24", "Bitrix24");
    public static readonly LeadField ExternalIdAmo = Integration("externalIdAmo", "amoCRM");
    public static readonly LeadField ExternalIdMacro = Integration("externalIdMacro", "MacroCRM");
    public static readonly LeadField ExternalIdDomoplaner = Integration("externalIdDomoplaner", "Domoplaner");

    /// <summary>The four integration ids: the lead's id in another CRM, set only by the v2 update.</summary>
    public static readonly IReadOnlyList<LeadField> IntegrationIds = [ExternalIdBitrix24, ExternalIdAmo, ExternalIdMacro, ExternalIdDomoplaner];

    public static readonly IReadOnlyList<LeadField> All =
    [
        ClientName, ClientPhone, QuizLog, CampaignId, ExternalId, Status, CallTimestamp,
        Priority, UtcOffset, TelegramUserName, TelegramPhone, VkId, InstagramLogin,
        .. IntegrationIds,
    ];

    private static LeadField Integration(string name, string crm) =>
        new(name, FieldKind.Text, $"text: the lead's id in {crm}", name, v2Update: true);

    public static LeadField? Find(string name) =>
        All.FirstOrDefault(field => string.Equals(field.Name, name, StringComparison.OrdinalIgnoreCase));
}
