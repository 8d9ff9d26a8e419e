using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Tests.Integration;

namespace LinerBulkUpdater.Tests.Operating;

public sealed class RunLockTests
{
    [Fact]
    public async Task A_second_run_over_the_same_input_exits_2_naming_the_holders_pid()
    {
        using var folder = new TempFolder();
        var input = folder.WriteLeads(3);

        using (RunLock.Acquire(input))
        {
            var result = await CliRun.RunAsync(folder, new Dictionary<string, string?>(), "run", input, "--dry-run");

            Assert.Equal(ExitCodes.Unusable, result.ExitCode);
            Assert.Equal($"liner-bulk: {input} is being processed by another liner-bulk run (PID {Environment.ProcessId}); wait for it to finish{Environment.NewLine}", result.Error);
        }

        var after = await CliRun.RunAsync(folder, new Dictionary<string, string?>(), "run", input, "--dry-run");
        Assert.Equal(ExitCodes.Success, after.ExitCode);
        Assert.False(File.Exists(input + ".lock"));
    }

    [Fact]
    public void A_lock_left_by_a_dead_process_is_no_lock()
    {
        using var folder = new TempFolder();
        var input = folder.WriteLeads(1);
        File.WriteAllText(input + ".lock", "999999");

        using var taken = RunLock.Acquire(input);

        Assert.Equal(Environment.ProcessId.ToString(), File.ReadAllText(input + ".lock"));
    }
}
