using System.Text;

namespace LinerBulkUpdater.Operating;

/// <summary>How taking one lock file went.</summary>
internal enum Taking
{
    /// <summary>The lock is ours until disposed.</summary>
    Taken,

    /// <summary>A live run holds it; the detail is the PID its file names, or "unknown".</summary>
    HeldByAnotherRun,

    /// <summary>Something of that name is not a lock of ours (a link, a folder, a pipe, a user's file): left alone.</summary>
    NotALock,

    /// <summary>No lock may be made there (permission denied, a read-only disk): try another place.</summary>
    NotAllowed,

    /// <summary>The lock could not be written (a full disk, an I/O error): the detail says why.</summary>
    CannotWrite,
}

internal readonly record struct LockAttempt(Taking Outcome, string Path, string Detail, IDisposable? Held = null);

/// <summary>
/// One lock file in an open folder (Unix): the file holds the holder's PID under a <c>flock</c> that the
/// system drops when the process dies, so a lock left by a killed run is no lock.
/// </summary>
/// <remarks>
/// Nothing is written that this run did not create: a new lock is made with <c>O_CREAT|O_EXCL</c>, which
/// never follows a link; an existing one is only opened to read and to lock, with <c>O_NOFOLLOW</c> and
/// <c>O_NONBLOCK</c> (a planted link is refused, a planted pipe does not hang the run), and it must be a
/// regular file holding nothing but a PID. A lock is the file its name leads to while it is held: the
/// holder removes the name before it lets go, and a run that locked a file the name no longer leads to
/// tries again. A stale lock another user owns, in a folder where it cannot be removed (a sticky one), is
/// held as it is; it still names the dead run's PID.
/// A run takes the lock exclusively, then holds it shared, as liner-bulk always has: a program that reads
/// the PID through a shared lock (an older liner-bulk, any .NET reader) can, while the exclusive lock every
/// taker asks for cannot be had. flock turns one into the other in two steps; a taker that slips between
/// them wins, and this run, failing to get its shared lock back, is the one refused.
/// </remarks>
internal static class LockFile
{
    // Other users' runs must be able to open a lock to test it (flock needs no write access).
    private const int ReadableByAll = 0b110_100_100;
    private const int LongestPid = 20;

    public static LockAttempt Take(Descriptor folder, string folderPath, string name)
    {
        var path = Path.Combine(folderPath, name);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var created = Posix.OpenIn(folder, name, Posix.ReadWrite | Posix.CreateNew | Posix.NoFollow, ReadableByAll, out var error);
            if (created is not null)
            {
                if (Claim(created, folder, name, path) is { } claimed)
                {
                    return claimed;
                }

                continue;
            }

            if (error != Posix.Exists)
            {
                return Refused(error, path);
            }

            var existing = Posix.OpenIn(folder, name, Posix.ReadOnly | Posix.NoFollow | Posix.NonBlocking, 0, out error);
            if (existing is null && error == Posix.NoEntry)
            {
                continue; // Its holder finished in between.
            }

            if (Existing(existing, error, folder, name, path) is { } outcome)
            {
                return outcome;
            }
        }

        return new LockAttempt(Taking.HeldByAnotherRun, path, "unknown");
    }

    /// <returns>The lock, or null when another run opened the new file first and takes it over.</returns>
    private static LockAttempt? Claim(Descriptor created, Descriptor folder, string name, string path)
    {
        if (Posix.TryLock(created) is var locking and not 0)
        {
            created.Dispose();
            return locking == Posix.WouldBlock ? null : Refused(locking, path);
        }

        Posix.SetMode(created, ReadableByAll);
        var written = Posix.WriteStart(created, Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var status = Posix.StatusOf(created);
        if (written != 0 || status is null)
        {
            Posix.Remove(folder, name);
            created.Dispose();
            return Refused(written != 0 ? written : Posix.NoSpace, path);
        }

        return Holding(created, folder, name, path, status.Value, pid: "");
    }

    /// <returns>What the existing file means, or null to try again (it was stale and is gone, or was replaced).</returns>
    private static LockAttempt? Existing(Descriptor? existing, int error, Descriptor folder, string name, string path)
    {
        if (existing is null)
        {
            return error == Posix.LinkLoop || error == Posix.NotAFolder
                ? new LockAttempt(Taking.NotALock, path, "a link")
                : Refused(error, path);
        }

        var status = Posix.StatusOf(existing);
        var pid = status is { IsRegularFile: true } ? PidIn(existing) : null;
        if (pid is null)
        {
            existing.Dispose();
            return new LockAttempt(Taking.NotALock, path, "not a lock of liner-bulk");
        }

        if (Posix.TryLock(existing) is var locking and not 0)
        {
            existing.Dispose();
            return locking == Posix.WouldBlock ? new LockAttempt(Taking.HeldByAnotherRun, path, pid.Length > 0 ? pid : "unknown") : Refused(locking, path);
        }

        if (!StillNamed(folder, name, status!.Value))
        {
            existing.Dispose();
            return null;
        }

        // Stale: a killed run's. Removed while locked, so that the next attempt makes it anew with our PID.
        if (Posix.Remove(folder, name) == 0)
        {
            existing.Dispose();
            return null;
        }

        return Holding(existing, folder, name, path, status.Value, pid);
    }

    /// <param name="pid">What the file held before, for a lock lost to a taker at the last step.</param>
    private static LockAttempt Holding(Descriptor file, Descriptor folder, string name, string path, FileStatus status, string pid)
    {
        if (Posix.TryLock(file, shared: true) != 0)
        {
            file.Dispose();
            return new LockAttempt(Taking.HeldByAnotherRun, path, pid.Length > 0 ? pid : "unknown");
        }

        return new LockAttempt(Taking.Taken, path, "", new HeldLockFile(folder, name, file, status));
    }

    /// <returns>The PID the file holds ("" when empty), or null when it holds anything else.</returns>
    private static string? PidIn(Descriptor file)
    {
        Span<byte> buffer = stackalloc byte[LongestPid + 1];
        var read = Posix.ReadStart(file, buffer, out _);
        if (read < 0 || read > LongestPid)
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(buffer[..read]).Trim();
        return text.All(char.IsAsciiDigit) ? text : null;
    }

    /// <summary>Whether <paramref name="name"/> still leads to the file locked.</summary>
    internal static bool StillNamed(Descriptor folder, string name, FileStatus locked)
    {
        using var again = Posix.OpenIn(folder, name, Posix.ReadOnly | Posix.NoFollow | Posix.NonBlocking, 0, out _);
        return again is not null && Posix.StatusOf(again) is { } now && now.IsSameFile(locked);
    }

    private static LockAttempt Refused(int error, string path)
    {
        var why = Posix.Describe(error);
        return error is Posix.AccessDenied or Posix.NotPermitted or Posix.ReadOnlyDisk || error == Posix.NameTooLong
            ? new LockAttempt(Taking.NotAllowed, path, why)
            : new LockAttempt(Taking.CannotWrite, path, why);
    }

    /// <summary>A lock held: let go by removing its name (when it is still this file's and may be removed), then closing it.</summary>
    private sealed class HeldLockFile(Descriptor folder, string name, Descriptor file, FileStatus status) : IDisposable
    {
        public void Dispose()
        {
            if (StillNamed(folder, name, status))
            {
                Posix.Remove(folder, name);
            }

            file.Dispose();
        }
    }
}
