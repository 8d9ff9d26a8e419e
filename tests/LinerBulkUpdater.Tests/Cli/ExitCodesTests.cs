using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Leads;

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

    [Theory]
    [InlineData(nameof(Outcome.Updated), 0)]
    [InlineData(nameof(Outcome.DryRun), 0)]
    [InlineData(nameof(Outcome.Invalid), 1)]
    [InlineData(nameof(Outcome.Failed), 1)]
    [InlineData(nameof(Outcome.NotFound), 1)]
    public void A_finished_run_with_one_row_of_an_outcome_exits_with_its_code(string outcome, int code)
    {
        var counts = new OutcomeCounts();
        counts.Add(Enum.Parse<Outcome>(outcome));

        Assert.Equal(code, ExitCodes.Of(counts, stopped: false));
        Assert.Equal("not_found", Outcome.NotFound.ToReportName());
    }
}
