namespace LinerBulkUpdater.Operating;

/// <summary>
/// The run lock where <see cref="Posix"/> is not known (Windows, other Unixes): <c>FILE.lock</c> beside
/// the input, or, where none can be made there or a file of that name is not one of ours, in the user's
/// temp folder named by the input's <see cref="FileIdentity"/>. On Windows that folder is the user's own.
/// </summary>
/// <remarks>
/// On Unix .NET maps FileShare.None to an exclusive flock and a read-only open to a shared one. The
/// holder keeps a shared lock, so a second run can still read the PID it is told about, while its own
/// attempt at an exclusive lock fails.
/// </remarks>
internal static class PortableLock
{
    // What a file locked by another process answers: Windows' sharing and lock violations, and the
    // EWOULDBLOCK of flock on Linux (11) and on macOS and the BSDs (35), which .NET passes on as the HResult.
    private static readonly int[] HeldElsewhere = [unchecked((int)0x80070020), unchecked((int)0x80070021), 11, 35];

    /// <exception cref="UsageException">Another run holds the input, or its lock cannot be written.</exception>
    public static (IDisposable Held, string Where) Acquire(string inputPath, string fallbackFolder)
    {
        var beside = Path.GetFullPath(inputPath) + ".lock";
        if (IsOursOrFree(beside) && AcquireAt(beside, inputPath, elsewhereIfDenied: true) is { } besideLock)
        {
            return (besideLock, beside);
        }

        var elsewhere = ElsewhereFor(inputPath, fallbackFolder);
        return (AcquireAt(elsewhere, inputPath, elsewhereIfDenied: false)!, elsewhere);
    }

    /// <returns>The held lock; null when access was denied and it may go elsewhere.</returns>
    private static IDisposable? AcquireAt(string path, string inputPath, bool elsewhereIfDenied)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var claim = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                claim.SetLength(0);
                using var writer = new StreamWriter(claim);
                writer.Write(Environment.ProcessId);
            }

            return new HeldFile(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), path);
        }
        catch (IOException exception) when (HeldElsewhere.Contains(exception.HResult))
        {
            throw new UsageException($"{inputPath} is being processed by another liner-bulk run (PID {Holder(path)}); wait for it to finish");
        }
        catch (UnauthorizedAccessException) when (elsewhereIfDenied)
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{inputPath}: its lock {path} cannot be written: {exception.Message.ReplaceLineEndings(" ")}");
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

    private static string ElsewhereFor(string inputPath, string folder) => Path.Combine(folder, RunLock.IdentityName(inputPath));

    private static string Holder(string path)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            var pid = reader.ReadToEnd().Trim();
            return pid.Length > 0 ? pid : "unknown";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private sealed class HeldFile(FileStream held, string path) : IDisposable
    {
        public void Dispose()
        {
            held.Dispose();
            try
            {
                File.Delete(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Another run took it over the moment it was free: its lock now.
            }
        }
    }
}
