namespace LinerBulkUpdater.Operating;

/// <summary>
/// Keeps two runs over the same input from overlapping (a nightly task that outlives its night):
/// <c>FILE.lock</c> beside the input holds the holder's PID under a lock the operating system drops
/// when the process dies, so a kill -9 leaves no stale lock behind.
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
    public static RunLock Acquire(string inputPath)
    {
        var path = Path.GetFullPath(inputPath) + ".lock";
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
