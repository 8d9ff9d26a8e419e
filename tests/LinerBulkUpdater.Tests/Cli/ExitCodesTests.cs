using LinerBulkUpdater.Cli;

namespace LinerBulkUpdater.Tests.Cli;

/// <summary>Scripts and schedulers depend on these numbers (docs/reference.md#exit-codes): they never change.</summary>
public sealed class ExitCodesTests
{
    [Fact]
    public void Exit_codes_are_the_contracts()
    {
        Assert.Equal(0, ExitCodes.Success);
        Assert.Equal(1, ExitCodes.SomeRowsFailed);
        Assert.Equal(2, ExitCodes.Unusable);
        Assert.Equal(3, ExitCodes.Stopped);
    }
}
