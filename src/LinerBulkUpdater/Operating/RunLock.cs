namespace LinerBulkUpdater.Operating;

/// <summary>
/// Keeps two runs over the same input from overlapping (a nightly task that outlives its night), whoever
/// starts them. A lock is a file holding the holder's PID under a lock the operating system drops when
/// the process dies, so a kill -9 leaves no stale lock behind (<see cref="LockFile"/>).
/// </summary>
/// <remarks>
/// On Unix a run takes up to three locks: <c>FILE.lock</c> beside the input, where it can be made and is
/// ours; the input's identity lock in the shared folder every user's runs look in (<see cref="LockPlaces"/>),
/// so that a user who cannot write beside the input, or names it by another path, still meets a run
/// that can; and, when neither could be taken, the identity lock in the user's private folder (also
/// taken with the shared one where that folder exists, to meet a run of ours that could not use the shared).
/// Any one of them held by a live run refuses the run. A shared folder another user made unusable or
/// unsafe therefore never blocks a run: it costs only the exclusion between users (the reference's Locks
/// section says so). Elsewhere <see cref="PortableLock"/> keeps the beside lock with the user's temp
/// folder as its fall-back.
/// </remarks>
internal sealed class RunLock : IDisposable
{
    private delegate Descriptor? FolderOpener(string path, out string why);

    private readonly Stack<IDisposable> _held;

    private RunLock(Stack<IDisposable> held, string where)
    {
        _held = held;
        Where = where;
    }

    /// <summary>The lock file: beside the input, or in the shared or private lock folder.</summary>
    public string Where { get; }

    /// <exception cref="UsageException">Another run holds the input, or no lock can be made (one line saying why).</exception>
    public static RunLock Acquire(string inputPath) => Acquire(inputPath, LockPlaces.OfThisUser());

    /// <exception cref="UsageException">Another run holds the input, or no lock can be made (one line saying why).</exception>
    public static RunLock Acquire(string inputPath, LockPlaces places)
    {
        if (!Posix.Supported)
        {
            var (lockFile, path) = PortableLock.Acquire(inputPath, places.Shared);
            return new RunLock(new Stack<IDisposable>([lockFile]), path);
        }

        var held = new Stack<IDisposable>();
        try
        {
            return OnUnix(inputPath, places, held);
        }
        catch
        {
            Release(held);
            throw;
        }
    }

    private static RunLock OnUnix(string inputPath, LockPlaces places, Stack<IDisposable> held)
    {
        var full = Path.GetFullPath(inputPath);
        var beside = TakeIn(held, inputPath, Path.GetDirectoryName(full)!, OpenBeside, Path.GetFileName(full) + ".lock", mustBeWritten: true, out var besideWhy);
        var name = IdentityName(inputPath);
        var shared = TakeIn(held, inputPath, places.Shared, LockFolders.OpenShared, name, mustBeWritten: beside is null, out var sharedWhy);
        if (beside is null && shared is not null && Directory.Exists(places.Private))
        {
            // An earlier run of ours, which found the shared folder unusable, holds its lock here: meet it.
            TakeIn(held, inputPath, places.Private, LockFolders.OpenPrivate, name, mustBeWritten: false, out _);
        }

        if ((beside ?? shared) is { } where)
        {
            return new RunLock(held, where);
        }

        return TakeIn(held, inputPath, places.Private, LockFolders.OpenPrivate, name, mustBeWritten: true, out var privateWhy) is { } own
            ? new RunLock(held, own)
            : throw new UsageException($"{inputPath} cannot be locked: {besideWhy}; {sharedWhy}; {privateWhy}");
    }

    /// <param name="mustBeWritten">Whether a lock that cannot be written (a full disk) stops the run, rather than being done without.</param>
    /// <returns>The lock's path once held; null, with why not, when no lock may be made there.</returns>
    /// <exception cref="UsageException">Another run holds it, or it must be written and cannot be.</exception>
    private static string? TakeIn(Stack<IDisposable> held, string inputPath, string folderPath, FolderOpener open, string name, bool mustBeWritten, out string why)
    {
        var folder = open(folderPath, out why);
        if (folder is null)
        {
            why = $"{folderPath}: {why}";
            return null;
        }

        var attempt = LockFile.Take(folder, folderPath, name);
        if (attempt.Outcome == Taking.Taken)
        {
            held.Push(folder); // Closed after the lock file, which removes its name through it.
            held.Push(attempt.Held!);
            return attempt.Path;
        }

        folder.Dispose();
        why = $"{attempt.Path}: {attempt.Detail}";
        return attempt.Outcome switch
        {
            Taking.HeldByAnotherRun => throw new UsageException($"{inputPath} is being processed by another liner-bulk run (PID {attempt.Detail}); wait for it to finish"),
            Taking.CannotWrite when mustBeWritten => throw new UsageException($"{inputPath}: its lock {attempt.Path} cannot be written: {attempt.Detail}"),
            _ => null,
        };
    }

    private static Descriptor? OpenBeside(string path, out string why)
    {
        var folder = Posix.OpenFolder(path, followLink: true, out var error);
        why = folder is null ? Posix.Describe(error) : "";
        return folder;
    }

    /// <summary>The input's device and inode, so every path to the same file (a link, another user's) finds one lock.</summary>
    internal static string IdentityName(string inputPath) =>
        (FileIdentity.Of(inputPath) is { } identity
            ? $"{identity.Device:x}-{identity.Inode:x}"
            : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(inputPath))))[..32])
        + ".lock";

    public void Dispose() => Release(_held);

    private static void Release(Stack<IDisposable> held)
    {
        while (held.TryPop(out var next))
        {
            next.Dispose();
        }
    }
}

/// <summary>Where a run's locks go when not beside the input: the folder every user's runs share, and this user's own.</summary>
/// <param name="Shared">Like <c>/tmp</c>: sticky and open to all; on Windows the user's own temp folder.</param>
/// <param name="Private">This user's alone (mode 700): used only when neither the beside lock nor the shared one can be made.</param>
internal sealed record LockPlaces(string Shared, string Private)
{
    public static LockPlaces OfThisUser()
    {
        var temp = Path.GetTempPath();
        var user = Posix.Supported ? Posix.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture) : Environment.UserName;
        return new LockPlaces(Path.Combine(temp, "liner-bulk-locks"), Path.Combine(temp, $"liner-bulk-locks-{user}"));
    }
}
