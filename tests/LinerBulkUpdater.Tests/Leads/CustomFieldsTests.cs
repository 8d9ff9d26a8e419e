using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Tests.Leads;

/// <summary>Which custom field a header names, and the header a template gives each so that it maps back.</summary>
public sealed class CustomFieldsTests
{
    private static readonly CustomFields Fields = new(
    [
        new(1, "Тариф", CustomFieldType.String, "leads", []),
        new(2, "status", CustomFieldType.String, "leads", []),
        new(3, "Город", CustomFieldType.String, "leads", []),
        new(4, " город", CustomFieldType.String, "leads", []),
        new(5, "Тариф", CustomFieldType.String, "orders", []),
    ]);

    [Theory]
    [InlineData(1, "Тариф")]
    [InlineData(2, "custom:2")]
    [InlineData(3, "custom:3")]
    [InlineData(4, "custom:4")]
    public void A_template_column_is_the_title_unless_the_title_would_map_elsewhere(long id, string column)
    {
        var field = Fields.All.Single(candidate => candidate.Id == id);
        Assert.Equal(column, Fields.ColumnName(field));
        Assert.Same(field, Fields.Find(column, out _));
    }

    [Theory]
    [InlineData(" тариф ", 1L, null)]
    [InlineData("Custom: 1", 1L, null)]
    [InlineData("custom:01", 1L, null)]
    [InlineData("custom:5", null, "custom field 5 ('Тариф') is a field of orders, not of leads")]
    [InlineData("custom:x", null, "Liner has no custom field with id x (liner-bulk fields lists them)")]
    [InlineData("город", null, "2 custom fields of leads are titled 'город' (ids 3, 4); name the column custom:<id>")]
    [InlineData("Посёлок", null, null)]
    public void A_header_names_a_field_of_leads_by_title_or_id_or_says_why_not(string header, long? id, string? refusal)
    {
        Assert.Equal(id, Fields.Find(header, out var why)?.Id);
        Assert.Equal(refusal, why);
    }

    [Theory]
    [InlineData("'=HYPERLINK(\"http://x\")", 10L)]
    [InlineData("=HYPERLINK(\"http://x\")", 10L)]
    [InlineData("'-2+3", 11L)]
    [InlineData("'=x", 13L)]
    [InlineData("''=x", 13L)]
    [InlineData("=x", 12L)]
    [InlineData("'Тариф", null)]
    public void A_title_that_starts_like_a_formula_is_named_with_the_leading_quote_a_csv_template_gives_it_too(string header, long? id)
    {
        // Field 13's own title starts with the quote: written as it is, it wins over field 12's made inert.
        var fields = new CustomFields(
        [
            new(10, "=HYPERLINK(\"http://x\")", CustomFieldType.String, "leads", []),
            new(11, "-2+3", CustomFieldType.String, "leads", []),
            new(12, "=x", CustomFieldType.String, "leads", []),
            new(13, "'=x", CustomFieldType.String, "leads", []),
            new(1, "Тариф", CustomFieldType.String, "leads", []),
        ]);

        Assert.Equal(id, fields.Find(header, out var why)?.Id);
        Assert.Null(why);
    }
}
