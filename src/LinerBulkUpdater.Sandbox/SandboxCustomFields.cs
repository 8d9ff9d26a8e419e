using System.Text.Json;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// The sandbox's custom fields: what a collections call centre keeps on its leads, one of each type, and one field of
/// orders (which a lead cannot take). Kept apart from the client's model (Leads/), as <see cref="LeadUpdateBody"/> is.
/// </summary>
internal static class SandboxCustomFields
{
    public static IReadOnlyList<SandboxCustomField> All { get; } =
    [
        new(101, "Номер договора", "string", "leads", 10, []),
        new(102, "Тариф", "select", "leads", 20, [("basic", "Базовый"), ("pro", "Профи"), ("vip", "VIP")]),
        new(103, "Сумма долга", "float", "leads", 30, []),
        new(104, "Число просрочек", "int", "leads", 40, []),
        new(105, "Дата договора", "date", "leads", 50, []),
        new(106, "Время визита", "datetime", "leads", 60, []),
        new(107, "Согласие на рассылку", "bool", "leads", 70, []),
        new(108, "Интересы", "multiselect", "leads", 80, [("credit", "Кредит"), ("deposit", "Вклад"), ("card", "Карта"), ("insurance", "Страховка")]),
        new(201, "Номер заказа", "string", "orders", 10, []),
    ];

    public static SandboxCustomField? Find(long id) => All.FirstOrDefault(field => field.Id == id);

    /// <summary>Writes the list as the items of <c>data</c>, with the documented field names.</summary>
    /// <param name="essence"><c>leads</c> or <c>orders</c> to list only those; null for all.</param>
    public static void WriteItems(Utf8JsonWriter json, string? essence)
    {
        foreach (var field in All.Where(field => essence is null || string.Equals(field.Essence, essence, StringComparison.OrdinalIgnoreCase)))
        {
            json.WriteStartObject();
            json.WriteNumber("id", field.Id);
            json.WriteString("title", field.Title);
            json.WriteString("type", field.Type);
            json.WriteString("essence", field.Essence);
            json.WriteStartArray("params");
            for (var i = 0; i < field.Options.Length; i++)
            {
                json.WriteStartObject();
                json.WriteString("code", field.Options[i].Code);
                json.WriteNumber("sort", 10 * (i + 1));
                json.WriteString("title", field.Options[i].Title);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("sort", field.Sort);
            json.WriteEndObject();
        }
    }
}
