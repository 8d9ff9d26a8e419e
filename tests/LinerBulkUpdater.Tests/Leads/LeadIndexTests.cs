using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Tests.Leads;

public sealed class LeadIndexTests
{
    [Fact]
    public void A_key_one_lead_holds_finds_it_and_a_lead_listed_twice_is_still_one()
    {
        var index = new LeadIndex();
        index.Add("79001234567", 7);
        index.Add("79001234567", 7);
        index.Add("B24-1", 8);

        Found(index.Find("79001234567"), [7L], 1);
        Found(index.Find("B24-1"), [8L], 1);
        Found(index.Find("79000000000"), [], 0);
        Assert.Equal((2L, 2), (index.Leads, index.Keys));
    }

    [Fact]
    public void A_key_many_leads_share_names_the_first_five_and_counts_them_all()
    {
        var index = new LeadIndex();
        foreach (var lead in new long[] { 3, 1, 4, 1, 5, 9, 2, 6 })
        {
            index.Add("79001234567", lead);
        }

        Found(index.Find("79001234567"), [3L, 1L, 4L, 5L, 9L], 7);
    }

    [Fact]
    public void Digits_with_a_leading_zero_are_another_key_than_the_number()
    {
        var index = new LeadIndex();
        index.Add("007", 1);
        index.Add("7", 2);
        index.Add("1234567890123456789012", 3);

        Found(index.Find("007"), [1L], 1);
        Found(index.Find("7"), [2L], 1);
        Found(index.Find("1234567890123456789012"), [3L], 1);
    }

    [Theory]
    [InlineData("+79001234567", "79001234567")]
    [InlineData(" +7 (900) 123-45-67 ", "79001234567")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("not a phone", null)]
    public void What_Liner_holds_is_keyed_by_the_fields_own_rule(string held, string? key)
    {
        var match = new MatchKey(LeadFields.ClientPhone, 0, "client_phone");

        Assert.Equal(key, match.OfLiner(held, new FieldRules(FieldRulesOptions.Default).ForLiner()));
    }

    private static void Found((IReadOnlyList<long> Ids, int Count) found, long[] ids, int count)
    {
        Assert.Equal(ids, found.Ids);
        Assert.Equal(count, found.Count);
    }
}
