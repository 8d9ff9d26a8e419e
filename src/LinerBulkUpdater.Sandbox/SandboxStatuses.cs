using System.Text.Json;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// The sandbox's lead statuses: what a Russian Liner account typically shows. Two statuses share the
/// title "Перезвонить" on purpose: Liner lets users duplicate and rename statuses, so titles are not
/// unique, and a client that translates titles to ids must notice.
/// </summary>
internal static class SandboxStatuses
{
    public const string InProgress = "in-progress";
    public const string Qualified = "qualified";
    public const string Disqualified = "disqualified";

    /// <summary>The list, in <see cref="SandboxStatus.Sort"/> order; seeded leads take their status from it.</summary>
    public static IReadOnlyList<SandboxStatus> All { get; } =
    [
        new(1, "new", "Новый", InProgress, 10, "#3498db", IsSystem: true),
        new(2, "in-work", "В работе", InProgress, 20, "#2980b9", IsSystem: true),
        new(3, "callback", "Перезвонить", InProgress, 30, "#f39c12", IsSystem: true),
        new(8, "callback-later", "Перезвонить", InProgress, 35, "#e67e22", IsSystem: false),
        new(4, "no-answer", "Недозвон", InProgress, 40, "#95a5a6", IsSystem: true),
        new(5, "qualified", "Целевой", Qualified, 50, "#27ae60", IsSystem: true),
        new(9, "meeting", "Встреча назначена", Qualified, 55, "#16a085", IsSystem: false),
        new(6, "refused", "Отказ", Disqualified, 60, "#c0392b", IsSystem: true),
        new(7, "spam", "Спам", Disqualified, 70, "#7f8c8d", IsSystem: true),
        new(10, "wrong-number", "Неверный номер", Disqualified, 80, "#8e44ad", IsSystem: false),
    ];

    /// <summary>Writes the list as the items of <c>data</c>, with the documented field names.</summary>
    public static void WriteItems(Utf8JsonWriter json)
    {
        foreach (var status in All)
        {
            json.WriteStartObject();
            json.WriteNumber("id", status.Id);
            json.WriteString("code", status.Code);
            json.WriteString("title", status.Title);
            json.WriteString("category", status.Category);
            json.WriteNumber("sort", status.Sort);
            json.WriteString("color", status.Color);
            json.WriteBoolean("isSystem", status.IsSystem);
            json.WriteEndObject();
        }
    }
}
