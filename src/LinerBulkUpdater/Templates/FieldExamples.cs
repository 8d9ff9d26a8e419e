using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Templates;

/// <summary>An example value for each column of the template, as a user would type it.</summary>
internal static class FieldExamples
{
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        [LeadFields.LeadId] = "12345",
        [LeadFields.ClientName.Name] = "Иванов Пётр",
        [LeadFields.ClientPhone.Name] = "8 (900) 123-45-67",
        [LeadFields.QuizLog.Name] = "{\"budget\": \"100000\", \"rooms\": 2}",
        [LeadFields.CampaignId.Name] = "007",
        [LeadFields.ExternalId.Name] = "crm-1042",
        [LeadFields.Status.Name] = "2",
        [LeadFields.CallTimestamp.Name] = "2026-03-01T10:00:00+03:00",
        [LeadFields.Priority.Name] = "1",
        [LeadFields.UtcOffset.Name] = "3",
        [LeadFields.TelegramUserName.Name] = "@ivanov",
        [LeadFields.TelegramPhone.Name] = "+79001234567",
        [LeadFields.VkId.Name] = "123456789",
        [LeadFields.InstagramLogin.Name] = "@ivanov.shop",
        [LeadFields.ExternalIdBitrix24.Name] = "B24-10452",
        [LeadFields.ExternalIdAmo.Name] = "31877205",
        [LeadFields.ExternalIdMacro.Name] = "M-2291",
        [LeadFields.ExternalIdDomoplaner.Name] = "DP-7781",
    };

    /// <summary>The example for a header name; empty for a field that has none yet (a test asks every field to have one).</summary>
    public static string Of(string name) => Examples.GetValueOrDefault(name, "");
}
