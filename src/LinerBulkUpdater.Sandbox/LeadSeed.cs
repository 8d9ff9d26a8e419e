using System.Globalization;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// What a lead holds before the sandbox is sent anything: plausible values made from its id alone, so
/// every run (and every machine) sees the same lead 7. Each value comes from its own hash of the id
/// (SplitMix64, fixed here rather than <see cref="Random"/>, whose seeded sequence .NET does not promise
/// to keep); a share of the optional fields is empty (null), as in a real account.
/// </summary>
internal static class LeadSeed
{
    /// <summary>When the first seeded lead was created: leads 1, 2, 3 … follow in order (<see cref="LeadCalendar"/>).</summary>
    public static readonly DateTimeOffset CreatedFrom = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CallsFrom = new(2025, 6, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly string[] IpPrefixes = ["95.165", "178.176", "46.242", "85.140", "188.162", "31.173"];

    // One salt per drawn value, so changing how one field is drawn leaves the others as they were.
    private enum Salt
    {
        Gender = 1, FirstName, Surname, FirstNameOnly, Phone, QuizLogEmpty, QuizLog, CampaignEmpty, Campaign,
        ExternalEmpty, External, Status, CallEmpty, Call, Priority, UtcOffset, TelegramEmpty, TelegramNumber,
        TelegramPhoneEmpty, VkEmpty, Vk, InstagramEmpty, IpPrefix, IpThird, IpFourth, City, LeadType,
        Secondary, Created, Updated, Order, BitrixEmpty, Bitrix, ContractEmpty, Contract, Tariff,
        AmoEmpty, Amo, MacroEmpty, Macro, DomoplanerEmpty, Domoplaner, SharedPhone,
    }

    /// <summary>The lead's v1 fields and integration ids (string, long or null), keyed by <see cref="SandboxFields"/> names.</summary>
    public static Dictionary<string, object?> Values(long leadId)
    {
        var male = Draw(leadId, Salt.Gender, 2) == 0;
        var first = Pick(male ? RussianNames.Male : RussianNames.Female, leadId, Salt.FirstName);
        var family = Pick(RussianNames.Surnames, leadId, Salt.Surname);
        var (surname, latinSurname) = male ? family : (family.Cyrillic + "а", family.Latin + "a");
        var phone = Phone(leadId);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [SandboxFields.ClientName] = Draw(leadId, Salt.FirstNameOnly, 6) == 0 ? first.Cyrillic : $"{first.Cyrillic} {surname}",
            [SandboxFields.ClientPhone] = phone,
            [SandboxFields.QuizLog] = OneIn(4, leadId, Salt.QuizLogEmpty) ? null : Pick(RussianNames.QuizLogs, leadId, Salt.QuizLog),
            // Campaign ids keep their leading zeros: the field is a string for that reason.
            [SandboxFields.CampaignId] = OneIn(5, leadId, Salt.CampaignEmpty) ? null : Digits(leadId, Salt.Campaign, 5),
            [SandboxFields.ExternalId] = OneIn(3, leadId, Salt.ExternalEmpty) ? null : "ext-" + Digits(leadId, Salt.External, 6),
            [SandboxFields.Status] = Status(leadId),
            [SandboxFields.CallTimestamp] = OneIn(4, leadId, Salt.CallEmpty)
                ? null
                : CallsFrom.AddMinutes(15 * Draw(leadId, Salt.Call, 60 * 24 * 4)).ToUnixTimeSeconds(),
            [SandboxFields.Priority] = Draw(leadId, Salt.Priority, 10),
            [SandboxFields.UtcOffset] = 2 + Draw(leadId, Salt.UtcOffset, 11),
            [SandboxFields.TelegramUserName] = OneIn(2, leadId, Salt.TelegramEmpty)
                ? null
                : $"{first.Latin}_{latinSurname}{Draw(leadId, Salt.TelegramNumber, 100)}",
            [SandboxFields.TelegramPhone] = OneIn(3, leadId, Salt.TelegramPhoneEmpty) ? phone : null,
            [SandboxFields.VkId] = OneIn(2, leadId, Salt.VkEmpty) ? null : 100_000 + Draw(leadId, Salt.Vk, 900_000_000),
            [SandboxFields.InstagramLogin] = OneIn(3, leadId, Salt.InstagramEmpty) ? $"{first.Latin}.{latinSurname}" : null,
            // The lead's ids in other CRMs, where an integration made it: a few leads each.
            [SandboxFields.ExternalIdBitrix24] = OneIn(4, leadId, Salt.BitrixEmpty) ? "B24-" + Digits(leadId, Salt.Bitrix, 5) : null,
            [SandboxFields.ExternalIdAmo] = OneIn(3, leadId, Salt.AmoEmpty) ? (30_000_000 + Draw(leadId, Salt.Amo, 9_000_000)).ToString(CultureInfo.InvariantCulture) : null,
            [SandboxFields.ExternalIdMacro] = OneIn(8, leadId, Salt.MacroEmpty) ? "M-" + Digits(leadId, Salt.Macro, 4) : null,
            [SandboxFields.ExternalIdDomoplaner] = OneIn(8, leadId, Salt.DomoplanerEmpty) ? "DP-" + Digits(leadId, Salt.Domoplaner, 4) : null,
            // Custom values as their JSON (SandboxCustomFields): a contract number and a tariff; the rest empty.
            ["custom:101"] = OneIn(4, leadId, Salt.ContractEmpty) ? null : $"\"Д-{Digits(leadId, Salt.Contract, 6)}\"",
            ["custom:102"] = $"\"{Pick(SandboxCustomFields.All[1].Options, leadId, Salt.Tariff).Code}\"",
        };
    }

    /// <summary>The status the lead is seeded with: what the list's status filter reads for a lead no update changed.</summary>
    public static long Status(long leadId) => Pick(SandboxStatuses.All, leadId, Salt.Status).Id;

    /// <summary>
    /// The lead's phone: its own, or, for one lead in 25, the phone of the lead before it, as a CRM holds a client who
    /// asked twice. So a phone can name two leads (or a few), which is what a match by phone must say.
    /// </summary>
    private static string Phone(long leadId)
    {
        var owner = leadId;
        while (owner > 1 && OneIn(25, owner, Salt.SharedPhone))
        {
            owner--;
        }

        return "79" + Draw(owner, Salt.Phone, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
    }

    /// <summary>The order the lead came in for, 201 to 212: what the list's order filter reads.</summary>
    public static int OrderId(long leadId) => 201 + (int)Draw(leadId, Salt.Order, 12);

    /// <summary>When the lead was created: in its step of <paramref name="stepSeconds"/> after the lead before it (<see cref="LeadCalendar"/>).</summary>
    public static DateTimeOffset CreatedAt(long leadId, long stepSeconds) =>
        CreatedFrom.AddSeconds((double)(leadId - 1) * stepSeconds + Draw(leadId, Salt.Created, stepSeconds));

    /// <summary>The lead's read-only facts; <paramref name="created"/> from <see cref="LeadCalendar"/>.</summary>
    public static LeadFacts Facts(long leadId, DateTimeOffset created)
    {
        var order = OrderId(leadId) - 200;
        return new LeadFacts(
            Ip: $"{Pick(IpPrefixes, leadId, Salt.IpPrefix)}.{Draw(leadId, Salt.IpThird, 256)}.{1 + Draw(leadId, Salt.IpFourth, 254)}",
            City: Pick(RussianNames.Cities, leadId, Salt.City),
            LeadType: OneIn(8, leadId, Salt.LeadType) ? "selection" : "straight",
            CreateMethod: "api",
            IsSecondary: OneIn(10, leadId, Salt.Secondary),
            CreatedAt: created,
            SeededUpdatedAt: created.AddMinutes(Draw(leadId, Salt.Updated, 30 * 24 * 60)),
            OrderId: OrderId(leadId),
            OrderCode: "order-" + order.ToString("D3", CultureInfo.InvariantCulture));
    }

    private static T Pick<T>(IReadOnlyList<T> list, long leadId, Salt salt) => list[(int)Draw(leadId, salt, list.Count)];

    private static bool OneIn(int n, long leadId, Salt salt) => Draw(leadId, salt, n) == 0;

    private static string Digits(long leadId, Salt salt, int width) =>
        Draw(leadId, salt, (long)Math.Pow(10, width)).ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A number in [0, <paramref name="below"/>) that depends on the lead id and the salt only.</summary>
    private static long Draw(long leadId, Salt salt, long below)
    {
        // SplitMix64's finaliser: a well-mixed 64-bit hash of (id, salt).
        var z = unchecked((ulong)leadId * 0x9E3779B97F4A7C15UL + (ulong)salt * 0xD1B54A32D192ED03UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (long)(z % (ulong)below);
    }
}
