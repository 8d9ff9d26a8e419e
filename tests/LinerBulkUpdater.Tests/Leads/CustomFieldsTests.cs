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
}
