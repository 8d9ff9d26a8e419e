using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Tests.Leads;

public sealed class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=1+1")]
    [InlineData("'=1+1")]
    [InlineData("'''@x")]
    [InlineData("'")]
    [InlineData("''")]
    [InlineData("'x")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("\t")]
    public void Restore_undoes_inert_exactly(string text)
    {
        Assert.Equal(text, SpreadsheetText.Restore(SpreadsheetText.Inert(text)));
    }
}
