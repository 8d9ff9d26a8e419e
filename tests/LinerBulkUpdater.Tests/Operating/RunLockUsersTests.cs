using System.Diagnostics;
using System.Text;
using LinerBulkUpdater.Operating;

namespace LinerBulkUpdater.Tests.Operating;

/// <summary>
/// Two users on one machine: real runs of liner-bulk, each started as its own user (setpriv), sharing one
/// temp folder as users share /tmp, on inputs in a folder neither may write, so that both need the fall-back.
/// </summary>
public sealed class RunLockUsersTests : IDisposable
{
    private const int Ann = 64001;
    private const int Bob = 64002;

    private readonly TempFolder _folder = new();
    private readonly string _temp;
    private readonly string _first;
    private readonly string _second;

    public RunLockUsersTests()
    {
        File.SetUnixFileMode(_folder.Path, (UnixFileMode)0b111_101_101);
        _temp = Directory.CreateDirectory(Path.Combine(_folder.Path, "tmp")).FullName;
        File.SetUnixFileMode(_temp, (UnixFileMode)0b1_111_111_111);
        var inbox = Directory.CreateDirectory(Path.Combine(_folder.Path, "in")).FullName;
        _first = WriteLeads(inbox, "first.csv");
        _second = WriteLeads(inbox, "second.csv");
        File.SetUnixFileMode(inbox, (UnixFileMode)0b101_101_101);
        foreach (var user in new[] { Ann, Bob })
        {
            var home = Directory.CreateDirectory(Home(user)).FullName;
            Assert.Equal(0, TinyDisk.Run("chown", $"{user}:{user}", home));
        }
    }

    [AsRootFact(startsOtherUsers: true)]
    public async Task Two_users_needing_the_fall_back_folder_for_different_inputs_both_run_and_one_input_never_runs_twice_at_once()
    {
        // Ann's run makes the fall-back folder; before, Bob's runs then failed on its mode 755.
        Assert.Equal((0, ""), await RunAs(Ann, _first));
        Assert.Equal((0, ""), await RunAs(Bob, _second));

        using (var annsRun = StartAs(Ann, "run", _first, "--sandbox", "--rps", "2", "--report", Path.Combine(Home(Ann), "long.csv")))
        {
            await LockedBy(annsRun);

            Assert.Equal((2, $"liner-bulk: {_first} is being processed by another liner-bulk run (PID {annsRun.Id}); wait for it to finish\n"), await RunAs(Bob, _first));
            Assert.Equal((0, ""), await RunAs(Bob, _second));
            var places = new LockPlaces(Path.Combine(_temp, "liner-bulk-locks"), Path.Combine(_temp, "liner-bulk-locks-0"));
            var refused = Assert.Throws<UsageException>(() => RunLock.Acquire(_first, places));
            Assert.Equal($"{_first} is being processed by another liner-bulk run (PID {annsRun.Id}); wait for it to finish", refused.Message);

            annsRun.Kill();
            await annsRun.WaitForExitAsync();
        }

        // Ann's killed run left its lock file, which Bob may not remove from the sticky folder: no lock.
        Assert.Equal((0, ""), await RunAs(Bob, _first));
    }

    private static string WriteLeads(string folder, string name)
    {
        var csv = new StringBuilder("lead_id,status\n");
        for (var lead = 1; lead <= 40; lead++)
        {
            csv.Append(lead).Append(",3\n");
        }

        var path = Path.Combine(folder, name);
        File.WriteAllText(path, csv.ToString());
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        return path;
    }

    private string Home(int user) => Path.Combine(_folder.Path, $"home-{user}");

    private async Task<(int ExitCode, string Error)> RunAs(int user, string input)
    {
        using var run = StartAs(user, "run", input, "--dry-run", "--report", Path.Combine(Home(user), $"{Guid.NewGuid():N}.csv"));
        var error = await run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        return (run.ExitCode, error);
    }

    private Process StartAs(int user, params string[] arguments)
    {
        var start = new ProcessStartInfo("setpriv", [$"--reuid={user}", $"--regid={user}", "--clear-groups", "dotnet", "exec", Path.Combine(AppContext.BaseDirectory, "liner-bulk.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        start.Environment["HOME"] = Home(user);
        start.Environment["TMPDIR"] = _temp;
        start.Environment["Log__Directory"] = Path.Combine(Home(user), "logs");
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }

    /// <summary>Until the run holds its lock in the shared folder (setpriv and dotnet exec keep the started PID).</summary>
    private async Task LockedBy(Process run)
    {
        var path = Path.Combine(_temp, "liner-bulk-locks", RunLock.IdentityName(_first));
        var waited = Stopwatch.StartNew();
        while (!(File.Exists(path) && ReadShared(path) == run.Id.ToString()))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30) && !run.HasExited, $"the run as uid {Ann} took no lock at {path}");
            await Task.Delay(20);
        }
    }

    private static string ReadShared(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return ""; // Between its creation and its PID.
        }
    }

    public void Dispose() => _folder.Dispose();
}
