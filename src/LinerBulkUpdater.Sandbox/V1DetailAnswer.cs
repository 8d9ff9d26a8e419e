using System.Globalization;
using System.Text.Json;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// <c>GET /v1/lead/detail/{lead_id}/</c>'s <c>data</c>: the <c>UF_*</c> fields of Liner's documented
/// example, every value a string (the example shows only placeholders, so the formats are the
/// sandbox's: integers in decimal, flags "0"/"1", dates <c>dd.MM.yyyy HH:mm:ss</c> UTC as Bitrix-style
/// <c>UF_</c> fields show them). The stored copy of that page stops after <c>UF_DATE_UPDATE</c>, so
/// nothing after it is invented. An empty field is null, as in the v2 read.
/// </summary>
internal static class V1DetailAnswer
{
    public static void Write(Utf8JsonWriter json, StoredLead lead)
    {
        var facts = lead.Facts;
        Write(json, "UF_PHONE", lead.Text(SandboxFields.ClientPhone)?.TrimStart('+'));
        Write(json, "UF_QUIZ_LOG", lead.Text(SandboxFields.QuizLog));
        Write(json, "UF_USER_IP", facts.Ip);
        Write(json, "UF_CAMPAIGN_ID", lead.Text(SandboxFields.CampaignId));
        Write(json, "UF_ADDITIONAL_PARAMS", null);
        Write(json, "UF_EXTERNAL_ID", lead.Text(SandboxFields.ExternalId));
        Write(json, "UF_STATUS", Decimal(lead.Integer(SandboxFields.Status)));
        Write(json, "UF_LEAD_TYPE", facts.LeadType);
        Write(json, "UF_CREATE_METHOD", facts.CreateMethod);
        Write(json, "UF_CITY", facts.City);
        Write(json, "UF_FAIL_ORDERS", null);
        Write(json, "UF_OBJECTS", null);
        Write(json, "UF_IS_SECONDARY", facts.IsSecondary ? "1" : "0");
        Write(json, "UF_PREVIOUS_LEAD", null);
        Write(json, "UF_CALL_DATE_TIME", lead.Integer(SandboxFields.CallTimestamp) is long call ? Date(DateTimeOffset.FromUnixTimeSeconds(call)) : null);
        Write(json, "UF_CALL_PRIORITY", Decimal(lead.Integer(SandboxFields.Priority)));
        Write(json, "UF_CLIENT_UTC_OFFSET", Decimal(lead.Integer(SandboxFields.UtcOffset)));
        Write(json, "UF_NEXT_LEAD", null);
        Write(json, "UF_PREPARE_IS_FINISHED", "1");
        Write(json, "UF_DATE_CREATE", Date(facts.CreatedAt));
        Write(json, "UF_DATE_UPDATE", Date(lead.UpdatedAt));
    }

    private static string? Decimal(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    private static void Write(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
