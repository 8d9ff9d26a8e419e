using System.Text;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Tests.Leads;

public sealed class LeadUpdateTests
{
    [Fact]
    public void Body_carries_only_the_given_fields_with_utf8_text_unescaped()
    {
        var update = new LeadUpdate(7,
        [
            FieldValue.Of(LeadFields.ClientName, "Иванов Пётр"),
            FieldValue.Of(LeadFields.Status, 3),
        ]);

        Assert.Equal("{\"client_name\":\"Иванов Пётр\",\"status\":3}", Encoding.UTF8.GetString(update.ToJson()));
        Assert.Equal(Encoding.UTF8.GetBytes("{\"client_name\":\"Иванов Пётр\",\"status\":3}"), update.ToJson());
    }

    [Fact]
    public void Body_escapes_only_what_json_requires()
    {
        var update = new LeadUpdate(1, [FieldValue.Of(LeadFields.QuizLog, "a\"b\\c\nd\te\u0001 😀 <>&'")]);
        Assert.Equal("{\"quiz_log\":\"a\\\"b\\\\c\\nd\\te\\u0001 😀 <>&'\"}", Encoding.UTF8.GetString(update.ToJson()));
    }

    [Fact]
    public void Cleared_fields_are_empty_strings_or_nulls()
    {
        var update = new LeadUpdate(1, [FieldValue.Cleared(LeadFields.ClientName), FieldValue.Cleared(LeadFields.Priority)]);
        Assert.Equal("{\"client_name\":\"\",\"priority\":null}", Encoding.UTF8.GetString(update.ToJson()));
    }

    [Fact]
    public void Body_is_valid_json_that_reads_back_the_same_text()
    {
        var text = "line1\r\nline2 \"quoted\" \\ back — Ёж \u2028";
        var update = new LeadUpdate(1, [FieldValue.Of(LeadFields.QuizLog, text)]);
        using var document = System.Text.Json.JsonDocument.Parse(update.ToJson());
        Assert.Equal(text, document.RootElement.GetProperty("quiz_log").GetString());
    }

    [Fact]
    public void An_update_with_fields_and_custom_values_goes_as_the_v1_update_then_the_v2_update()
    {
        var tariff = new CustomField(102, "Тариф", CustomFieldType.String, "leads", []);
        var update = new LeadUpdate(7, [FieldValue.Of(LeadFields.Status, 3), FieldValue.Of(tariff, "pro"), FieldValue.Of(LeadFields.Priority, 1)]);

        var (first, then) = update.Requests;

        Assert.False(first.IsV2);
        Assert.Equal("{\"status\":3,\"priority\":1}", Encoding.UTF8.GetString(first.ToJson()));
        Assert.True(then!.IsV2);
        Assert.Equal("{\"customValues\":{\"102\":\"pro\"}}", Encoding.UTF8.GetString(then.ToJson()));
        Assert.Equal(7, then.LeadId);
    }

    [Fact]
    public void An_update_of_one_kind_is_one_request_the_update_itself()
    {
        var tariff = new CustomField(102, "Тариф", CustomFieldType.String, "leads", []);
        var own = new LeadUpdate(7, [FieldValue.Of(LeadFields.Status, 3)]);
        var custom = new LeadUpdate(7, [FieldValue.Of(tariff, "pro")]);

        Assert.Equal((own, null), own.Requests);
        Assert.Equal((custom, null), custom.Requests);
        Assert.False(own.IsV2);
        Assert.True(custom.IsV2);
    }
}
