using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Tests.Integration;

namespace LinerBulkUpdater.Tests.Operating;

/// <summary>
/// The lock folders a run falls back to when no lock can be made beside its input (Unix): each test
/// gives the run its own shared and private folder, and blocks the lock beside the input with a folder.
/// </summary>
public sealed class LockFolderTests : IDisposable
{
    private const UnixFileMode LikeTmp = (UnixFileMode)0b1_111_111_111;
    private const UnixFileMode OwnerOnly = (UnixFileMode)0b111_000_000;
    private const UnixFileMode OwnerWrites = (UnixFileMode)0b111_101_101;
    private const int Nobody = 65534;

    private readonly TempFolder _folder = new();
    private readonly LockPlaces _places;
    private readonly string _input;

    public LockFolderTests()
    {
        _places = new LockPlaces(Path.Combine(_folder.Path, "liner-bulk-locks"), Path.Combine(_folder.Path, "liner-bulk-locks-own"));
        _input = _folder.WriteLeads(1);
        Directory.CreateDirectory(_input + ".lock");
    }

    private string SharedLock => Path.Combine(_places.Shared, RunLock.IdentityName(_input));

    private string PrivateLock => Path.Combine(_places.Private, RunLock.IdentityName(_input));

    [UnixFact]
    public void The_shared_folder_is_made_as_tmp_is_sticky_and_open_to_every_user()
    {
        using (var held = RunLock.Acquire(_input, _places))
        {
            Assert.Equal(SharedLock, held.Where);
            Assert.Equal(LikeTmp, File.GetUnixFileMode(_places.Shared));
            Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(SharedLock));
            Assert.Equal(Environment.ProcessId.ToString(), File.ReadAllText(SharedLock));
            Assert.False(Directory.Exists(_places.Private));
        }

        Assert.False(File.Exists(SharedLock));
    }

    [UnixFact]
    public void A_shared_folder_its_owner_left_at_mode_755_is_opened_to_every_user_by_the_owners_next_run()
    {
        Directory.CreateDirectory(_places.Shared, OwnerWrites);

        using var held = RunLock.Acquire(_input, _places);

        Assert.Equal(SharedLock, held.Where);
        Assert.Equal(LikeTmp, File.GetUnixFileMode(_places.Shared));
    }

    [UnixFact]
    public void A_link_planted_in_place_of_the_shared_folder_is_not_followed_and_the_run_locks_in_its_own_folder()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_folder.Path, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(_places.Shared, elsewhere);

        using var held = RunLock.Acquire(_input, _places);

        Assert.Equal(PrivateLock, held.Where);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_places.Private));
    }

    [UnixFact]
    public void A_run_that_locked_in_its_own_folder_is_met_by_the_next_once_the_shared_folder_is_usable_again()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_folder.Path, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(_places.Shared, elsewhere);
        using var first = RunLock.Acquire(_input, _places);
        File.Delete(_places.Shared);

        var refused = Assert.Throws<UsageException>(() => RunLock.Acquire(_input, _places));

        Assert.Equal(PrivateLock, first.Where);
        Assert.Equal($"{_input} is being processed by another liner-bulk run (PID {Environment.ProcessId}); wait for it to finish", refused.Message);
        Assert.False(File.Exists(SharedLock));
    }

    [UnixFact]
    public void A_link_planted_at_the_lock_name_is_never_written_through()
    {
        var precious = _folder.Write("precious.txt", "a user's file"u8.ToArray());
        Directory.CreateDirectory(_places.Shared, LikeTmp);
        File.CreateSymbolicLink(SharedLock, precious);

        using (var held = RunLock.Acquire(_input, _places))
        {
            Assert.Equal(PrivateLock, held.Where);
        }

        Assert.Equal("a user's file", File.ReadAllText(precious));
        Assert.Equal(precious, new FileInfo(SharedLock).LinkTarget);
    }

    [UnixFact]
    public void A_pipe_or_a_users_file_at_the_lock_name_is_left_alone_and_does_not_hang_the_run()
    {
        Directory.CreateDirectory(_places.Shared, LikeTmp);
        Assert.Equal(0, TinyDisk.Run("mkfifo", SharedLock));

        using (var held = RunLock.Acquire(_input, _places))
        {
            Assert.Equal(PrivateLock, held.Where);
        }

        File.Delete(SharedLock);
        File.WriteAllText(SharedLock, "not a process id");
        using (var held = RunLock.Acquire(_input, _places))
        {
            Assert.Equal(PrivateLock, held.Where);
        }

        Assert.Equal("not a process id", File.ReadAllText(SharedLock));
    }

    [UnixFact]
    public void A_lock_a_killed_run_left_in_the_shared_folder_is_no_lock()
    {
        Directory.CreateDirectory(_places.Shared, LikeTmp);
        File.WriteAllText(SharedLock, "999999");

        using var held = RunLock.Acquire(_input, _places);

        Assert.Equal(SharedLock, held.Where);
        Assert.Equal(Environment.ProcessId.ToString(), File.ReadAllText(SharedLock));
    }

    [UnixFact]
    public void The_same_file_by_another_path_is_one_input_and_never_run_twice_at_once()
    {
        var other = Directory.CreateDirectory(Path.Combine(_folder.Path, "other")).FullName;
        var link = Path.Combine(other, "same-leads.csv");
        File.CreateSymbolicLink(link, _input);

        using var held = RunLock.Acquire(_input, _places);
        var refused = Assert.Throws<UsageException>(() => RunLock.Acquire(link, _places));

        Assert.Equal($"{link} is being processed by another liner-bulk run (PID {Environment.ProcessId}); wait for it to finish", refused.Message);
        Assert.False(File.Exists(link + ".lock"));
    }

    [AsRootFact]
    public void A_shared_folder_another_user_made_with_mode_755_blocks_no_run()
    {
        Directory.CreateDirectory(_places.Shared, OwnerWrites);
        Chown(_places.Shared);

        using var held = RunLock.Acquire(_input, _places);

        Assert.Equal(PrivateLock, held.Where);
        Assert.Equal(OwnerWrites, File.GetUnixFileMode(_places.Shared));
    }

    [AsRootFact]
    public void A_shared_folder_any_user_may_rewrite_is_not_used()
    {
        Directory.CreateDirectory(_places.Shared);
        File.SetUnixFileMode(_places.Shared, (UnixFileMode)0b111_111_111);
        Chown(_places.Shared);

        using var held = RunLock.Acquire(_input, _places);

        Assert.Equal(PrivateLock, held.Where);
        Assert.Empty(Directory.GetFileSystemEntries(_places.Shared));
    }

    [AsRootFact]
    public void A_shared_folder_another_user_made_as_tmp_is_shared()
    {
        Directory.CreateDirectory(_places.Shared);
        File.SetUnixFileMode(_places.Shared, LikeTmp);
        Chown(_places.Shared);

        using var held = RunLock.Acquire(_input, _places);

        Assert.Equal(SharedLock, held.Where);
    }

    [AsRootFact]
    public void A_private_folder_another_user_planted_refuses_the_run_in_one_line()
    {
        Directory.CreateSymbolicLink(_places.Shared, _folder.Path);
        Directory.CreateDirectory(_places.Private, OwnerOnly);
        Chown(_places.Private);

        var refused = Assert.Throws<UsageException>(() => RunLock.Acquire(_input, _places));

        Assert.Equal(
            $"{_input} cannot be locked: {_input}.lock: not a lock of liner-bulk; {_places.Shared}: a link or a file, not a folder; "
            + $"{_places.Private}: another user's (uid {Nobody}); remove it, or set TMPDIR to a folder of your own",
            refused.Message);
    }

    [AsRootFact(mounts: true)]
    public async Task A_lock_that_cannot_be_written_on_a_full_disk_says_so_and_exits_2()
    {
        using var disk = TinyDisk.Mount();
        var input = Path.Combine(disk.Path, "leads.csv");
        File.WriteAllText(input, "lead_id,status\n1,3\n");
        disk.Fill();

        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "run", input, "--dry-run", "--report", Path.Combine(_folder.Path, "report.csv"));

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.Equal($"liner-bulk: {input}: its lock {input}.lock cannot be written: No space left on device{Environment.NewLine}", result.Error);
        Assert.False(File.Exists(input + ".lock"));
        var portable = Assert.Throws<UsageException>(() => PortableLock.Acquire(input, disk.Path));
        Assert.Equal($"{input}: its lock {input}.lock cannot be written: No space left on device : '{input}.lock'", portable.Message);
    }

    [Fact]
    public void The_lock_where_libc_is_not_known_refuses_a_second_run_naming_the_holder()
    {
        var (held, where) = PortableLock.Acquire(_folder.WriteLeads(1, "other.csv"), _places.Shared);
        using (held)
        {
            var refused = Assert.Throws<UsageException>(() => PortableLock.Acquire(Path.Combine(_folder.Path, "other.csv"), _places.Shared));

            Assert.Equal($"{Path.Combine(_folder.Path, "other.csv")} is being processed by another liner-bulk run (PID {Environment.ProcessId}); wait for it to finish", refused.Message);
            Assert.Equal(Path.Combine(_folder.Path, "other.csv.lock"), where);
        }
    }

    private static void Chown(string path) => Assert.Equal(0, TinyDisk.Run("chown", "-h", $"{Nobody}:{Nobody}", path));

    public void Dispose() => _folder.Dispose();
}

/// <summary>A test of Unix lock folders and modes; skipped on Windows, whose temp folder is the user's own.</summary>
internal sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix lock folders: on Windows the fall-back lock is in the user's own temp folder";
        }
    }
}
