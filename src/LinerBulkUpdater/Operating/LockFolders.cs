namespace LinerBulkUpdater.Operating;

/// <summary>
/// The folders a lock may go to besides the input's own (Unix), opened once and checked on what was
/// opened, never on a path that could be swapped after the check: a link is never followed.
/// </summary>
/// <remarks>
/// The shared folder is kept as <c>/tmp</c> itself is: world-writable with the sticky bit, so any user
/// may add a lock and only its owner (or the folder's) may remove it. One made by an older liner-bulk
/// with mode 755 is set right by its owner's next run; until then it is refused, as is any folder writable
/// by others without the sticky bit (anyone could swap its locks), or owned by another user and not open
/// to us. The private folder is the user's alone (mode 700).
/// </remarks>
internal static class LockFolders
{
    private const int Root = 0;
    private const int OpenToAll = Posix.Sticky | 0b111_111_111;
    private const int OwnerOnly = 0b111_000_000;
    private const int WritableByOthers = 0b000_010_010;
    private const string OwnInstead = "; remove it, or set TMPDIR to a folder of your own";

    /// <returns>The open folder, or null with the reason it cannot be used.</returns>
    public static Descriptor? OpenShared(string path, out string why)
    {
        var folder = OpenMade(path, OpenToAll, out why);
        if (folder is null)
        {
            return null;
        }

        var status = Posix.StatusOf(folder)!.Value;
        var me = Posix.UserId;
        if (status.Owner == me && status.Permissions != OpenToAll && Posix.SetMode(folder, OpenToAll) == 0)
        {
            status = status with { Mode = (status.Mode & ~0xFFF) | OpenToAll };
        }

        why = (status.Permissions & WritableByOthers) != 0 && (status.Permissions & Posix.Sticky) == 0
            ? $"writable by others without the sticky bit (mode {Octal(status)}), so any user could replace its locks"
            : (status.Permissions & WritableByOthers) == 0 && status.Owner != me && status.Owner != Root
            ? $"another user's (uid {status.Owner}, mode {Octal(status)})"
            : "";
        return Kept(folder, why);
    }

    /// <returns>The open folder, or null with the reason it cannot be used.</returns>
    public static Descriptor? OpenPrivate(string path, out string why)
    {
        var folder = OpenMade(path, OwnerOnly, out why);
        var status = folder is null ? Posix.LinkStatusOf(path) : Posix.StatusOf(folder);
        if (status is { } owned && owned.Owner != Posix.UserId)
        {
            folder?.Dispose();
            why = $"another user's (uid {owned.Owner}){OwnInstead}";
            return null;
        }

        if (folder is null)
        {
            return null;
        }

        why = (status!.Value.Permissions & 0b000_111_111) != 0 && Posix.SetMode(folder, OwnerOnly) is var error and not 0
            ? $"open to other users (mode {Octal(status.Value)}) and cannot be closed: {Posix.Describe(error)}"
            : "";
        return Kept(folder, why);
    }

    private static Descriptor? OpenMade(string path, int mode, out string why)
    {
        var made = Posix.MakeFolder(path, mode);
        if (made != 0 && made != Posix.Exists)
        {
            why = Posix.Describe(made);
            return null;
        }

        var folder = Posix.OpenFolder(path, followLink: false, out var error);
        why = folder is not null ? ""
            : error == Posix.LinkLoop || error == Posix.NotAFolder ? "a link or a file, not a folder"
            : Posix.Describe(error);
        if (folder is not null && Posix.StatusOf(folder) is not { IsFolder: true })
        {
            folder.Dispose();
            (folder, why) = (null, "not a folder");
        }

        return folder;
    }

    private static Descriptor? Kept(Descriptor folder, string why)
    {
        if (why.Length == 0)
        {
            return folder;
        }

        folder.Dispose();
        return null;
    }

    private static string Octal(FileStatus status) => Convert.ToString(status.Permissions, 8).PadLeft(3, '0');
}
