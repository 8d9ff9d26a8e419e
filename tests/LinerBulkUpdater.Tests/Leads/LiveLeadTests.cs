using System.Text.Json;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Tests.Leads;

public sealed class LiveLeadTests
{
    private static readonly FieldRules Rules = new(FieldRulesOptions.Default);

    // The v2 detail's own example (docs.linerapp.io, v2 lead detail).
    private const string V2 = """
        {"id":123,"name":"John Doe","phone":"+79001234567","sourceComment":"","ip":"192.168.1.1","statusId":10,
         "planningCallDateTime":"2024-01-02T10:00:00Z","priority":0,"utcOffset":3,"vkId":"123456",
         "instagramLogin":"user_instagram","telegramUserName":"user_telegram","telegramPhone":"+79001234567","customValues":{"10":"x"}}
        """;

    private static LiveLead Lead(string v2 = V2, string? v1 = null) =>
        LiveLead.From(JsonDocument.Parse(v2).RootElement, v1 is null ? null : JsonDocument.Parse(v1).RootElement, Rules);

    private static LeadUpdate Update(params (LeadField Field, string Cell)[] cells) =>
        new(123, cells.Select(cell => { Assert.Null(Rules.TryRead(cell.Field, cell.Cell, out var value)); return value; }).ToList());

    [Fact]
    public void The_same_value_written_another_way_is_no_change()
    {
        var update = Update(
            (LeadFields.ClientPhone, "8 (900) 123-45-67"), (LeadFields.CallTimestamp, "1704189600"), (LeadFields.VkId, "123456"),
            (LeadFields.Status, "10"), (LeadFields.TelegramUserName, "@user_telegram"), (LeadFields.UtcOffset, "3"));

        Assert.Empty(Lead().Changes(update));
    }

    [Fact]
    public void Changes_name_the_field_the_old_and_the_new_value()
    {
        var changes = Lead().Changes(Update((LeadFields.Status, "3"), (LeadFields.Priority, "4"), (LeadFields.ClientName, "John Doe")));

        Assert.Equal("status: 10 → 3; priority: 0 → 4", FieldChange.Describe(changes));
    }

    [Fact]
    public void An_empty_value_in_liner_and_the_clear_marker_are_no_change_and_clearing_a_value_is_one()
    {
        var changes = Lead().Changes(Update((LeadFields.QuizLog, "#clear"), (LeadFields.InstagramLogin, "#clear")));

        Assert.Equal("instagramLogin: user_instagram → (empty)", FieldChange.Describe(changes));
    }

    [Fact]
    public void Campaign_and_external_id_come_from_the_v1_detail_and_keep_leading_zeros()
    {
        var lead = Lead(v1: """{"UF_CAMPAIGN_ID":"00042","UF_EXTERNAL_ID":"ERP-1"}""");

        Assert.True(LiveLead.NeedsV1(Update((LeadFields.CampaignId, "42"))));
        Assert.False(LiveLead.NeedsV1(Update((LeadFields.Status, "3"))));
        Assert.Equal("campaign_id: 00042 → 42", FieldChange.Describe(lead.Changes(Update((LeadFields.CampaignId, "42"), (LeadFields.ExternalId, "ERP-1")))));
    }

    [Fact]
    public void A_later_row_of_the_lead_compares_against_what_the_earlier_one_set()
    {
        var read = Lead();
        var lead = read.Applied(Update((LeadFields.Status, "3")));

        Assert.Empty(lead.Changes(Update((LeadFields.Status, "3"))));
        Assert.Equal("status: 3 → 10", FieldChange.Describe(lead.Changes(Update((LeadFields.Status, "10")))));
        Assert.NotEmpty(read.Changes(Update((LeadFields.Status, "3"))));
    }

    [Theory]
    [InlineData("""{"id":123}""")]
    [InlineData("""{"id":123,"priority":{"value":1},"name":true}""")]
    [InlineData("null")]
    [InlineData("[]")]
    public void A_field_the_read_did_not_show_is_unreadable_not_empty(string v2)
    {
        var lead = Lead(v2);

        Assert.Equal([LeadFields.Priority, LeadFields.ClientName], lead.Unreadable(Update((LeadFields.ClientName, "Ann"), (LeadFields.Priority, "0"))).OrderByDescending(field => field.Name));
        Assert.Empty(lead.Unreadable(Update()));
    }

    [Fact]
    public void A_time_liner_gives_without_an_offset_is_utc_whatever_the_input_s_time_zone()
    {
        var moscow = new FieldRules(FieldRulesOptions.Default with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow") });
        var lead = LiveLead.From(JsonDocument.Parse("""{"planningCallDateTime":"2024-01-02 10:00:00"}""").RootElement, null, moscow);

        Assert.Equal(1704189600, lead[LeadFields.CallTimestamp]!.Value.Number);
    }

    [Fact]
    public void Liners_text_is_kept_byte_for_byte_and_a_cell_that_differs_only_in_the_spaces_at_its_ends_is_no_change()
    {
        var lead = Lead("""{"name":"  padded  ","sourceComment":"анкета\n","telegramUserName":" ivan","instagramLogin":"   ","vkId":" 42 "}""");

        Assert.Empty(lead.Changes(Update(
            (LeadFields.ClientName, "padded"), (LeadFields.QuizLog, "анкета"), (LeadFields.TelegramUserName, "@ivan"),
            (LeadFields.InstagramLogin, "#clear"), (LeadFields.VkId, "42"))));

        // What the undo file keeps is what Liner holds, spaces and line break included; a number is a number.
        var changes = lead.Changes(Update((LeadFields.ClientName, "Анна"), (LeadFields.QuizLog, "другая"), (LeadFields.TelegramUserName, "petr"), (LeadFields.InstagramLogin, "x"), (LeadFields.VkId, "7")));
        Assert.Equal(
            [FieldValue.Of(LeadFields.ClientName, "  padded  "), FieldValue.Of(LeadFields.QuizLog, "анкета\n"), FieldValue.Of(LeadFields.TelegramUserName, " ivan"),
             FieldValue.Of(LeadFields.InstagramLogin, "   "), FieldValue.Of(LeadFields.VkId, 42)],
            changes.Select(change => change.Before));
    }
}
