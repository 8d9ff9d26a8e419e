using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Tests.Leads;

public sealed class StatusNamesTests
{
    private static readonly StatusNames Names = new(
    [
        new(1, "new", "Новый", "in-progress"),
        new(3, "callback", "Перезвонить", "in-progress"),
        new(5, "qualified", "Целевой", "qualified"),
        new(8, "callback-later", "Перезвонить", "in-progress"),
        new(9, "no-answer", "Недозвон", "in-progress"),
    ]);

    [Theory]
    [InlineData("callback", 3)]
    [InlineData(" CALLBACK ", 3)]
    [InlineData("Целевой", 5)]
    [InlineData("  целевой", 5)]
    [InlineData("НЕДОЗВОН", 9)]
    [InlineData("callback-later", 8)]
    public void A_code_or_a_title_in_any_case_becomes_its_status_id(string cell, long expected)
    {
        Assert.Null(Names.TryResolve(cell, out var id));
        Assert.Equal(expected, id);
    }

    [Fact]
    public void Words_that_are_one_status_s_code_and_another_s_title_are_refused_naming_both()
    {
        var names = new StatusNames([new(5, "new", "New", "in-progress"), new(6, "x", "new", "in-progress")]);

        Assert.Equal("is the code of id 5 and the title of id 6 (code 'x'); write the id", names.TryResolve("New", out _));
        Assert.Null(names.TryResolve("x", out var id));
        Assert.Equal(6, id);
    }

    [Fact]
    public void A_title_two_statuses_share_is_refused_naming_both_ids_and_codes()
    {
        Assert.Equal(
            "is the title of 2 statuses: id 3 (code 'callback') and id 8 (code 'callback-later'); write the id or the code",
            Names.TryResolve("перезвонить", out _));
    }

    [Fact]
    public void A_name_no_status_has_is_refused_with_the_nearest_title()
    {
        Assert.Equal("matches no status; did you mean 'Недозвон'?", Names.TryResolve("Недозон", out _));
    }

    [Theory]
    [InlineData("3", true)]
    [InlineData(" 12 ", true)]
    [InlineData("callback", false)]
    [InlineData("3a", false)]
    public void Numbers_are_ids_and_need_no_list(string cell, bool isId) => Assert.Equal(isId, StatusNames.IsId(cell));
}
