using LinerBulkUpdater.Operating;
using LinerBulkUpdater.Tests.Integration;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Tests.Operating;

/// <summary>
/// Runs on one machine and key find each other through a file each in the lock folder (<see cref="KeyPaceFiles"/>): each
/// test gives them their own shared and private folder, and moves the quarter-second exchange on by a fake clock.
/// </summary>
public sealed class KeyPaceFilesTests : IDisposable
{
    private const string BaseUrl = "https://api.liner.example";
    private const string Key = "s3cret-key-1234";

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new();
    private readonly LockPlaces _places;

    public KeyPaceFilesTests() =>
        _places = new LockPlaces(Path.Combine(_folder.Path, "liner-bulk-locks"), Path.Combine(_folder.Path, "liner-bulk-locks-own"));

    [UnixFact]
    public void Two_runs_on_one_key_count_each_other_and_one_that_ends_is_no_longer_counted()
    {
        using var first = KeyPaceFiles.Join(BaseUrl, Key, _clock, _places)!;
        Assert.Equal(1, first.Runs);

        var second = KeyPaceFiles.Join(BaseUrl, Key, _clock, _places)!;
        Assert.Equal(2, second.Runs);
        Exchange();
        Assert.Equal(2, first.Runs);

        second.Dispose();
        Exchange();
        Assert.Equal(1, first.Runs);
        Assert.Single(Directory.GetFiles(_places.Shared));
    }

    [UnixFact]
    public void A_run_reads_the_limit_another_found_and_never_its_own()
    {
        using var first = KeyPaceFiles.Join(BaseUrl, Key, _clock, _places)!;
        using var second = KeyPaceFiles.Join(BaseUrl, Key, _clock, _places)!;

        first.Tell(19.8);
        Exchange();

        Assert.Equal((19.8, (double?)null), (second.Ceiling, first.Ceiling));
    }

    [UnixFact]
    public void Another_key_or_another_liner_is_another_limit()
    {
        using var first = KeyPaceFiles.Join(BaseUrl, Key, _clock, _places)!;
        using var otherKey = KeyPaceFiles.Join(BaseUrl, Key + "x", _clock, _places)!;
        using var otherLiner = KeyPaceFiles.Join(BaseUrl + ":8443", Key, _clock, _places)!;
        Exchange();

        Assert.Equal((1, 1, 1), (first.Runs, otherKey.Runs, otherLiner.Runs));
        Assert.Equal(KeyPaceFiles.KeyName(BaseUrl + "/", Key), KeyPaceFiles.KeyName(BaseUrl, Key));
    }

    [UnixFact]
    public void The_key_is_written_nowhere_only_a_hash_of_it()
    {
        using var run = KeyPaceFiles.Join(BaseUrl, Key, _clock, _places)!;
        run.Tell(10);
        Exchange();

        var file = Assert.Single(Directory.GetFiles(_places.Shared));
        Assert.DoesNotContain(Key, file);
        Assert.DoesNotContain(Key, File.ReadAllText(file));
        Assert.Equal("10", File.ReadAllText(file).Trim());
    }

    [UnixFact]
    public void A_killed_runs_file_is_no_run_and_a_planted_link_is_neither_followed_nor_counted()
    {
        Directory.CreateDirectory(_places.Shared);
        var name = KeyPaceFiles.KeyName(BaseUrl, Key);
        var dead = Path.Combine(_places.Shared, $"{name}.999999.0.pace");
        File.WriteAllText(dead, "5");
        var target = Path.Combine(_folder.Path, "target.txt");
        File.WriteAllText(target, "untouched");
        File.CreateSymbolicLink(Path.Combine(_places.Shared, $"{name}.1.1.pace"), target);

        using var run = KeyPaceFiles.Join(BaseUrl, Key, _clock, _places)!;

        Assert.Equal((1, (double?)null), (run.Runs, run.Ceiling));
        Assert.False(File.Exists(dead));
        Assert.Equal("untouched", File.ReadAllText(target));
    }

    [UnixFact]
    public void A_run_removes_what_killed_runs_left_for_any_key_and_leaves_live_runs_files()
    {
        using var live = KeyPaceFiles.Join(BaseUrl, "another-key", _clock, _places)!;
        var dead = Path.Combine(_places.Shared, $"{KeyPaceFiles.KeyName(BaseUrl, "a-third-key")}.999999.0.pace");
        File.WriteAllText(dead, "5");

        using var run = KeyPaceFiles.Join(BaseUrl, Key, _clock, _places)!;

        Assert.False(File.Exists(dead));
        Assert.Equal(2, Directory.GetFiles(_places.Shared, "*.pace").Length);
    }

    public void Dispose() => _folder.Dispose();

    private void Exchange() => _clock.Advance(TimeSpan.FromMilliseconds(250));
}
