using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Tests.Leads;

/// <summary>A custom field's cell, read by its type into the one text it is sent and compared as.</summary>
public sealed class CustomFieldTypeTests
{
    private static readonly CustomField Tariff = new(102, "Тариф", CustomFieldType.Select, "leads", [new("basic", "Базовый", 10), new("pro", "Профи", 20), new("Профи", "VIP", 30)]);
    private static readonly CustomField Interests = new(108, "Интересы", CustomFieldType.MultiSelect, "leads", [new("credit", "Кредит", 10), new("deposit", "Вклад", 20), new("card", "Карта", 30)]);
    private static readonly FieldRules Rules = new(FieldRulesOptions.Default with { TimeZone = TimeZoneInfo.Utc });

    [Theory]
    [InlineData("1 234,50", "1234.5")]
    [InlineData("1234.5", "1234.5")]
    [InlineData("1\u00A0234", "1234")]
    [InlineData("-0,0", "0")]
    [InlineData("+7", "7")]
    [InlineData("0.1000000000000000000000000001", "0.1000000000000000000000000001")]
    public void A_float_takes_either_decimal_separator_and_spaces_between_thousands_exactly(string cell, string sent) =>
        Assert.Equal(sent, Read(CustomFieldType.Float, cell));

    [Theory]
    [InlineData("1,234.5")]
    [InlineData("1.2.3")]
    [InlineData("1,2,3")]
    [InlineData("1e5")]
    [InlineData(",5")]
    [InlineData("5.")]
    [InlineData("0.12345678901234567890123456789")]
    [InlineData("12abc")]
    public void A_float_that_is_ambiguous_or_not_exact_is_refused(string cell) =>
        Assert.NotNull(Problem(CustomFieldType.Float, cell));

    [Theory]
    [InlineData("TRUE", "true")]
    [InlineData("да", "true")]
    [InlineData("Yes", "true")]
    [InlineData("1", "true")]
    [InlineData("нет", "false")]
    [InlineData("0", "false")]
    public void A_bool_takes_the_usual_words(string cell, string sent) => Assert.Equal(sent, Read(CustomFieldType.Bool, cell));

    [Theory]
    [InlineData("01.12.2026", "2026-12-01")]
    [InlineData("2026-12-01", "2026-12-01")]
    [InlineData("2026-12-01T00:00:00", "2026-12-01")]
    public void A_date_is_sent_as_iso(string cell, string sent) => Assert.Equal(sent, Read(CustomFieldType.Date, cell));

    [Theory]
    [InlineData("2026-12-01T10:00:00+03:00", "2026-12-01T07:00:00Z")]
    [InlineData("2026-12-01 10:00", "2026-12-01T07:00:00Z")]
    public void A_datetime_is_sent_in_utc_a_time_without_offset_read_in_the_input_zone(string cell, string sent)
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("MSK", TimeSpan.FromHours(3), "MSK", "MSK");
        var field = new CustomField(106, "Время визита", CustomFieldType.DateTime, "leads", []);
        Assert.Null(field.Read(cell, new FieldRules(FieldRulesOptions.Default with { TimeZone = zone }), out var value));
        Assert.Equal(sent, value.Text);
    }

    [Fact]
    public void A_select_takes_a_code_or_a_title_and_refuses_a_cell_that_is_one_options_code_and_anothers_title()
    {
        Assert.Equal("pro", Read(Tariff, "профи ".Trim()));
        Assert.Equal("basic", Read(Tariff, "basic"));
        Assert.Equal("is the code of option 'VIP' and the title of option 'pro': write the other option's code", Problem(Tariff, "Профи"));
        Assert.StartsWith("is not an option of 'Тариф'", Problem(Tariff, "gold"));

        // What Liner holds, and an undo file, is a code: read as that code.
        Assert.Null(Tariff.Read("Профи", Rules.ForLiner(), out var held));
        Assert.Equal("Профи", held.Text);
    }

    [Fact]
    public void A_multiselect_is_its_codes_in_the_options_order_whatever_order_the_cell_names_them()
    {
        Assert.Equal("credit;card", Read(Interests, "Карта; credit;; кредит"));
        Assert.Equal("names no option", Problem(Interests, ";"));
    }

    [Fact]
    public void Values_travel_typed_in_customValues()
    {
        var rules = new FieldRules(FieldRulesOptions.Default);
        var fields = new[] { (Tariff, "VIP"), (Interests, "Вклад"), (new CustomField(103, "Сумма", CustomFieldType.Float, "leads", []), "2,50"), (new CustomField(104, "Число", CustomFieldType.Int, "leads", []), "7"), (new CustomField(107, "Да", CustomFieldType.Bool, "leads", []), "нет") };
        var values = fields.Select(pair => { Assert.Null(rules.TryRead(pair.Item1, pair.Item2, out var value)); return value; }).ToList();
        values.Add(FieldValue.Cleared(new CustomField(101, "Договор", CustomFieldType.String, "leads", [])));

        var body = System.Text.Encoding.UTF8.GetString(new LeadUpdate(1, [FieldValue.Of(LeadFields.Priority, 2), .. values]).ToJson());

        Assert.Equal("""{"priority":2,"customValues":{"102":"Профи","108":["deposit"],"103":2.5,"104":7,"107":false,"101":null}}""", body);
    }

    [Fact]
    public void Every_type_is_found_by_the_name_the_api_gives_it_in_any_case()
    {
        Assert.All(CustomFieldType.All, type => Assert.Same(type, CustomFieldType.Find(type.Name.ToUpperInvariant())));
        Assert.Equal(["string", "int", "float", "date", "datetime", "bool", "select", "multiselect"], CustomFieldType.All.Select(type => type.Name));
        Assert.Null(CustomFieldType.Find("phone"));
    }

    private static string Read(CustomFieldType type, string cell) => Read(new CustomField(1, "f", type, "leads", []), cell);

    private static string Read(CustomField field, string cell)
    {
        Assert.Null(field.Read(cell, Rules, out var value));
        return value.Text!;
    }

    private static string? Problem(CustomFieldType type, string cell) => Problem(new CustomField(1, "f", type, "leads", []), cell);

    private static string? Problem(CustomField field, string cell) => field.Read(cell, Rules, out _);
}
