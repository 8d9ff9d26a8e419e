using System.Globalization;
using System.Text.Json;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// <c>GET /v2/lead/detail/{leadId}/</c>'s <c>data</c>, with the fields of Liner's documented example in
/// its order. The v1 fields map as the v2 docs suggest: client_name → name, client_phone → phone (with
/// "+"), quiz_log → sourceComment, status → statusId, call_timestamp → planningCallDateTime (ISO 8601
/// UTC), utc_offset → utcOffset, vkId as a string. campaign_id and external_id have no v2 field; the integration ids
/// are shown as the v2 update set them.
/// An empty field is null, whether it was seeded empty or cleared: one rule, so a client meets one form.
/// </summary>
internal static class V2DetailAnswer
{
    public static void Write(Utf8JsonWriter json, StoredLead lead)
    {
        json.WriteNumber("id", lead.Id);
        WriteText(json, "name", lead.Text(SandboxFields.ClientName));
        WriteText(json, "phone", WithPlus(lead.Text(SandboxFields.ClientPhone)));
        WriteText(json, "sourceComment", lead.Text(SandboxFields.QuizLog));
        json.WriteString("ip", lead.Facts.Ip);
        foreach (var integration in SandboxFields.IntegrationIds)
        {
            WriteText(json, integration, lead.Text(integration));
        }

        WriteInteger(json, "statusId", lead.Integer(SandboxFields.Status));
        json.WriteString("leadType", lead.Facts.LeadType);
        json.WriteString("createMethod", lead.Facts.CreateMethod);
        json.WriteBoolean("isSecondary", lead.Facts.IsSecondary);
        WriteText(json, "planningCallDateTime", lead.Integer(SandboxFields.CallTimestamp) is long call ? Iso(DateTimeOffset.FromUnixTimeSeconds(call)) : null);
        WriteInteger(json, "priority", lead.Integer(SandboxFields.Priority));
        WriteInteger(json, "utcOffset", lead.Integer(SandboxFields.UtcOffset));
        json.WriteString("createdAt", Iso(lead.Facts.CreatedAt));
        json.WriteString("updatedAt", Iso(lead.UpdatedAt));
        json.WriteNumber("orderId", lead.Facts.OrderId);
        json.WriteString("orderCode", lead.Facts.OrderCode);
        WriteText(json, "vkId", lead.Integer(SandboxFields.VkId)?.ToString(CultureInfo.InvariantCulture));
        WriteText(json, "instagramLogin", lead.Text(SandboxFields.InstagramLogin));
        WriteText(json, "telegramUserName", lead.Text(SandboxFields.TelegramUserName));
        WriteText(json, "telegramPhone", WithPlus(lead.Text(SandboxFields.TelegramPhone)));
        // Keyed by id as a string, as in the docs' example; a field with no value is left out.
        json.WriteStartObject("customValues");
        foreach (var field in SandboxCustomFields.All)
        {
            if (lead.Values.GetValueOrDefault(field.StoreKey) is string value)
            {
                json.WritePropertyName(field.Id.ToString(CultureInfo.InvariantCulture));
                json.WriteRawValue(value);
            }
        }

        json.WriteEndObject();
    }

    /// <summary>Like the docs' example, <c>2024-01-02T10:00:00Z</c>: UTC, whole seconds.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Liner takes phones with or without "+" and shows them with it. Only an all-digits value gets
    /// one: anything else is shown as stored, so the sandbox never invents a number.
    /// </summary>
    private static string? WithPlus(string? phone)
    {
        var digits = phone?.TrimStart('+');
        return digits is { Length: > 0 } && digits.All(char.IsAsciiDigit) ? "+" + digits : phone;
    }

    private static void WriteText(Utf8JsonWriter json, string name, string? value)
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

    private static void WriteInteger(Utf8JsonWriter json, string name, long? value)
    {
        if (value is long number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
