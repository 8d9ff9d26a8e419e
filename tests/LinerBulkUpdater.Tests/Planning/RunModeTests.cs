using LinerBulkUpdater.Planning;

namespace LinerBulkUpdater.Tests.Planning;

/// <summary>What a run's options mean together: the one place that says whether it writes, reads, diffs, and the row's steps.</summary>
public sealed class RunModeTests
{
    [Theory]
    [InlineData(false, false, false, false, false, "Update")]
    [InlineData(false, true, false, false, false, "ReadBefore LiveDiff Update")]
    [InlineData(false, false, true, false, false, "ReadBefore Describe UndoRow Update")]
    [InlineData(false, true, true, true, false, "ReadBefore LiveDiff UndoRow Update ReadBack")]
    [InlineData(false, false, false, true, false, "Update ReadBack")]
    [InlineData(false, false, false, false, true, "Update")]
    [InlineData(true, false, false, false, false, "")]
    [InlineData(true, true, false, false, false, "ReadBefore LiveDiff")]
    [InlineData(true, false, false, false, true, "")]
    public void The_options_pick_the_steps_each_row_walks(bool dryRun, bool liveDiff, bool undo, bool verify, bool baseline, string steps)
    {
        var mode = RunMode.Of(dryRun, liveDiff, undo, verify, baseline);

        Assert.Equal(steps, string.Join(" ", mode.Steps));
        Assert.Equal(!dryRun, mode.Writes);
        Assert.Equal(steps.Length > 0, mode.RowsReachLiner);
        Assert.Equal(liveDiff ? DiffSource.Live : baseline ? DiffSource.Baseline : DiffSource.None, mode.Diff);
    }

    [Fact]
    public void A_dry_run_never_writes_an_undo_file_nor_reads_back()
    {
        var mode = RunMode.Of(dryRun: true, liveDiff: false, undo: true, verify: true, baseline: false);

        Assert.False(mode.WritesUndo);
        Assert.False(mode.ReadsAfter);
        Assert.DoesNotContain(RowStep.UndoRow, mode.Steps);
    }
}
