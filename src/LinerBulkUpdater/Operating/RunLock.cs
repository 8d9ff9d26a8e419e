namespace LinerBulkUpdater.Operating;

/// <summary>
/// Keeps two runs over the same input from overlapping (a nightly task that outlives its night):
/// <c>FILE.lock</c> beside the input holds the holder's PID under a lock the operating system drops
/// when the process dies, so a kill -9 leaves no stale lock behind. Where no lock can be made beside
/// the input (a read-only folder), or a file of that name is not one of ours, the lock goes to the
/// user's temp folder instead, named by the input's <see cref="FileIdentity"/>, so every run of the
/// same file still finds it — and a user's file is never written over.
/// </summary>
/// <remarks>
/// On Unix .NET maps FileShare.None to an exclusive flock and a read-only open to a shared one. The
/// holder keeps a shared lock, so a second run can still read the PID it is told about, while its own
/// attempt at an exclusive lock fails.
/// </remarks>
internal sealed class RunLock : IDisposable
{
    private readonly FileStream _held;
    private readonly string _path;

    private RunLock(FileStream held, string path)
    {
        _held = held;
        _path = path;
    }

    /// <exception cref="UsageException">Another run holds the input.</exception>
    /// <summary>The lock file: beside the input, or in the temp folder.</summary>
    public string Where => _path;

    public static RunLock Acquire(string inputPath)
    {
        var beside = Path.GetFullPath(inputPath) + ".lock";
        if (!IsOursOrFree(beside))
        {
            return AcquireAt(ElsewhereFor(inputPath), inputPath);
        }

        try
        {
            return AcquireAt(beside, inputPath);
        }
        catch (UnauthorizedAccessException)
        {
            return AcquireAt(ElsewhereFor(inputPath), inputPath);
        }
    }

    private static RunLock AcquireAt(string path, string inputPath)
    {
        try
        {
            using (var claim = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                claim.SetLength(0);
                using var writer = new StreamWriter(claim);
                writer.Write(Environment.ProcessId);
            }

            return new RunLock(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), path);
        }
        catch (IOException)
        {
            throw new UsageException($"{inputPath} is being processed by another liner-bulk run (PID {Holder(path)}); wait for it to finish");
        }
    }

    /// <summary>A lock file holds a PID and nothing else: anything else of that name (a link, a folder, a user's file) is left alone.</summary>
    private static bool IsOursOrFree(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return !Directory.Exists(path) && file.LinkTarget is null;
        }

        try
        {
            return file.LinkTarget is null && file.Length <= 20 && File.ReadAllText(path).Trim().All(char.IsAsciiDigit);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Held by a running liner-bulk on a system that locks reads out (Windows): ours.
            return true;
        }
    }

    private static string ElsewhereFor(string inputPath)
    {
        var folder = Path.Combine(Path.GetTempPath(), "liner-bulk-locks");
        Directory.CreateDirectory(folder);
        var name = FileIdentity.Of(inputPath) is { } identity
            ? $"{identity.Device:x}-{identity.Inode:x}"
            : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(inputPath))))[..32];
        return Path.Combine(folder, name + ".lock");
    }

    public void Dispose()
    {
        _held.Dispose();
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // Another run took it over the moment it was free: its lock now.
        }
    }

    private static string Holder(string path)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            var pid = reader.ReadToEnd().Trim();
            return pid.Length > 0 ? pid : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
