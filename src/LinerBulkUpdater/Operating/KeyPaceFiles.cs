using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// The runs on this machine that use one Liner key, through a small file each in the lock folder (Unix): so that they
/// split the key's pace evenly from their first request, and a run that ends frees its part at once.
/// </summary>
/// <remarks>
/// <para>
/// A run's file is <c>KEY.PID.pace</c>, where KEY is a hash of the base URL and the API key (the key itself is written
/// nowhere), and it holds what the run found of Liner's limit. The run holds a shared <c>flock</c> on it while it lives
/// (so that any reader that takes a shared lock, as .NET's do, can read it), and the others test it with an exclusive
/// one: a file whose lock can be had is a killed run's, and counts for nothing (its owner's next run removes it).
/// </para>
/// <para>
/// Each run writes only its own file, made with <c>O_CREAT|O_EXCL|O_NOFOLLOW</c> in the folder it opened as the locks'
/// (<see cref="LockFolders"/>: the shared sticky one, or the user's private one); it reads the others' with
/// <c>O_NOFOLLOW|O_NONBLOCK</c>, and only regular files. So no link is written through, and nothing one user leaves
/// there can block another's run: at worst it is a run that is not counted.
/// </para>
/// </remarks>
internal sealed class KeyPaceFiles : IKeyPeers, IDisposable
{
    private const int ReadableByAll = 0b110_100_100;
    private const int Width = 32;
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);

    private readonly Descriptor _folder;
    private readonly string _folderPath;
    private readonly string _key;
    private readonly string _name;
    private readonly Descriptor _own;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private double _told = double.NaN;
    private double _found = double.NaN;
    private int _runs = 1;
    private bool _disposed;

    private KeyPaceFiles(Descriptor folder, string folderPath, string key, string name, Descriptor own, TimeProvider time)
    {
        (_folder, _folderPath, _key, _name, _own) = (folder, folderPath, key, name, own);
        SweepOnce();
        Refresh();
        _timer = time.CreateTimer(_ => Refresh(), null, Every, Every);
    }

    public int Runs => Volatile.Read(ref _runs);

    public double? Ceiling => Volatile.Read(ref _found) is var found && double.IsNaN(found) ? null : found;

    /// <summary>The name every run on <paramref name="apiKey"/> at <paramref name="baseUrl"/> shares: a hash, never the key.</summary>
    public static string KeyName(string baseUrl, string apiKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"liner-bulk pace\n{baseUrl.Trim().TrimEnd('/')}\n{apiKey.Trim()}")))[..24];

    /// <returns>This run's file among the key's; null where there is none to be had (not Unix, no usable folder).</returns>
    public static KeyPaceFiles? Join(string baseUrl, string apiKey, TimeProvider time, LockPlaces places)
    {
        if (!Posix.Supported)
        {
            return null;
        }

        var (folder, path) = LockFolders.OpenShared(places.Shared, out _) is { } shared ? (shared, places.Shared)
            : LockFolders.OpenPrivate(places.Private, out _) is { } own ? (own, places.Private) : (null, "");
        if (folder is null)
        {
            return null;
        }

        var key = KeyName(baseUrl, apiKey);
        var name = string.Create(CultureInfo.InvariantCulture, $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.pace");
        var file = Posix.OpenIn(folder, name, Posix.ReadWrite | Posix.CreateNew | Posix.NoFollow, ReadableByAll, out _);
        if (file is null || Posix.TryLock(file, shared: true) != 0)
        {
            file?.Dispose();
            folder.Dispose();
            return null;
        }

        Posix.SetMode(file, ReadableByAll);
        return new KeyPaceFiles(folder, path, key, name, file, time);
    }

    public void Tell(double? ceiling) => Volatile.Write(ref _told, ceiling ?? double.NaN);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
            Posix.Remove(_folder, _name);
            _own.Dispose();
            _folder.Dispose();
        }
    }

    /// <summary>Writes what this run found; counts the live runs on the key and takes the lowest limit they found.</summary>
    private void Refresh()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                Exchange();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The folder went away or was closed to us: the last count stands, and the run goes on.
            }
        }
    }

    private void Exchange()
    {
        var told = Volatile.Read(ref _told);
        Posix.WriteStart(_own, Encoding.ASCII.GetBytes((double.IsNaN(told) ? "-" : told.ToString("0.###", CultureInfo.InvariantCulture)).PadRight(Width)));
        var (runs, found) = (1, double.NaN);
        foreach (var path in Directory.EnumerateFiles(_folderPath, _key + ".*.pace"))
        {
            var name = Path.GetFileName(path);
            if (name != _name && ReadLive(name) is { } other)
            {
                runs++;
                found = double.IsNaN(other) || (!double.IsNaN(found) && found <= other) ? found : other;
            }
        }

        Volatile.Write(ref _runs, runs);
        Volatile.Write(ref _found, found);
    }

    /// <summary>
    /// Removes what killed runs of this user left for any key (each run tidies its own key's as it goes): a key used once,
    /// by a run that was killed, would otherwise keep its file until the temp folder is cleared.
    /// </summary>
    private void SweepOnce()
    {
        try
        {
            foreach (var path in Directory.EnumerateFiles(_folderPath, "*.pace"))
            {
                if (!Path.GetFileName(path).StartsWith(_key + ".", StringComparison.Ordinal))
                {
                    ReadLive(Path.GetFileName(path));
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Tidying is a courtesy: the run goes on without it.
        }
    }

    /// <returns>The limit a live run's file names (NaN: none yet); null when the file is no live run's.</returns>
    private double? ReadLive(string name)
    {
        using var file = Posix.OpenIn(_folder, name, Posix.ReadOnly | Posix.NoFollow | Posix.NonBlocking, 0, out _);
        if (file is null || Posix.StatusOf(file) is not { IsRegularFile: true } status)
        {
            return null;
        }

        if (Posix.TryLock(file) != Posix.WouldBlock)
        {
            // A killed run's: its lock went with it. Ours to tidy only if it is ours.
            if (status.Owner == Posix.UserId)
            {
                Posix.Remove(_folder, name);
            }

            return null;
        }

        Span<byte> bytes = stackalloc byte[Width];
        var read = Posix.ReadStart(file, bytes, out _);
        var text = read > 0 ? Encoding.ASCII.GetString(bytes[..read]).Trim() : "";
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ceiling) && ceiling > 0 ? ceiling : double.NaN;
    }
}
