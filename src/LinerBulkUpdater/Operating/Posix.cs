using System.Runtime.InteropServices;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// The few libc calls a lock in a shared folder needs and .NET does not offer: opening a name inside a
/// folder already checked (<c>openat</c>) without following a link (<c>O_NOFOLLOW</c>) or waiting on a
/// pipe (<c>O_NONBLOCK</c>), <c>flock</c> with the lock under our control, and a file's owner and mode
/// (<c>fstat</c>). Errors are returned as errno values, not thrown: each caller decides what one means.
/// </summary>
/// <remarks>
/// Flags, errno values and <c>struct stat</c> differ by platform; only the three we know (Linux x64 and
/// arm64, macOS arm64) are used, and only after a check that this table reads a real folder's mode as .NET
/// does (<see cref="Supported"/>). Elsewhere the lock falls back to .NET's own file locking.
/// <c>open</c> is variadic: on Apple arm64 its mode argument is not where a fixed signature puts it, so a
/// created file's mode is always set again with <c>fchmod</c>.
/// </remarks>
internal static unsafe partial class Posix
{
    public const int ReadOnly = 0, ReadWrite = 2;
    public const int NotPermitted = 1, NoEntry = 2, AccessDenied = 13, Exists = 17, NotAFolder = 20, NoSpace = 28, ReadOnlyDisk = 30;
    public const int Sticky = 0b1_000_000_000;
    private const int LockShared = 1, LockExclusive = 2, DoNotWait = 4;
    private const int StatBufferSize = 256;

    private sealed record Platform(
        int NoFollow, int Folder, int NonBlocking, int Create, int Exclusive, int CloseOnExec,
        int WouldBlock, int LinkLoop, int NameTooLong, int ModeOffset, bool ShortMode, int OwnerOffset, bool ShortDevice, int StatVersion);

    private static readonly Platform? Known = KnownPlatform();
    private static readonly Lazy<bool> Checked = new(ReadsModesAsDotNetDoes);

    /// <summary>Whether this platform's flags and <c>struct stat</c> are known and check out.</summary>
    public static bool Supported => Known is not null && Checked.Value;

    private static Platform P => Known ?? throw new PlatformNotSupportedException();

    public static int NoFollow => P.NoFollow;

    public static int NonBlocking => P.NonBlocking;

    public static int CreateNew => P.Create | P.Exclusive;

    public static int WouldBlock => P.WouldBlock;

    public static int LinkLoop => P.LinkLoop;

    public static int NameTooLong => P.NameTooLong;

    public static uint UserId => GetEffectiveUserId();

    /// <summary>The system's own words for an errno value ("No space left on device").</summary>
    public static string Describe(int error) => Marshal.GetPInvokeErrorMessage(error);

    public static Descriptor? OpenFolder(string path, bool followLink, out int error)
    {
        var fd = Open(path, ReadOnly | P.Folder | P.CloseOnExec | (followLink ? 0 : P.NoFollow), 0);
        error = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd < 0 ? null : new Descriptor(fd);
    }

    /// <summary>Opens <paramref name="name"/> inside <paramref name="folder"/>, never anywhere a renamed or replaced folder path leads.</summary>
    public static Descriptor? OpenIn(Descriptor folder, string name, int flags, int mode, out int error)
    {
        var fd = OpenAt(folder, name, flags | P.CloseOnExec, mode);
        error = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd < 0 ? null : new Descriptor(fd);
    }

    /// <returns>0, or the errno of a lock that could not be taken (<see cref="WouldBlock"/>: another holds it).</returns>
    public static int TryLock(Descriptor file, bool shared = false) =>
        Flock(file, (shared ? LockShared : LockExclusive) | DoNotWait) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int MakeFolder(string path, int mode) => MkDir(path, mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int SetMode(Descriptor file, int mode) => FChMod(file, mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Remove(Descriptor folder, string name) => UnlinkAt(folder, name, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <returns>The bytes read from the start of the file, or -1 with the errno in <paramref name="error"/>.</returns>
    public static int ReadStart(Descriptor file, Span<byte> buffer, out int error)
    {
        fixed (byte* bytes = buffer)
        {
            var read = (int)PRead(file, bytes, buffer.Length, 0);
            error = read < 0 ? Marshal.GetLastPInvokeError() : 0;
            return read;
        }
    }

    /// <returns>0, or the errno of a write that did not go whole (<see cref="NoSpace"/>).</returns>
    public static int WriteStart(Descriptor file, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            var written = PWrite(file, start, bytes.Length, 0);
            // A short write with no error is a disk that filled in between: the next write would say so.
            return written == bytes.Length ? 0 : written < 0 ? Marshal.GetLastPInvokeError() : NoSpace;
        }
    }

    public static FileStatus? StatusOf(Descriptor file)
    {
        var buffer = stackalloc byte[StatBufferSize];
        return FStatAnyGlibc(file, buffer) == 0 ? Read(buffer) : null;
    }

    /// <summary>What <c>lstat</c> says of <paramref name="path"/> itself (a link, not where it leads): for telling a user why, not for deciding.</summary>
    public static FileStatus? LinkStatusOf(string path)
    {
        var buffer = stackalloc byte[StatBufferSize];
        int result;
        try
        {
            result = LStat(path, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            result = LXStat(P.StatVersion, path, buffer);
        }

        return result == 0 ? Read(buffer) : null;
    }

    private static FileStatus Read(byte* buffer)
    {
        var device = P.ShortDevice ? (ulong)(uint)*(int*)buffer : *(ulong*)buffer;
        var mode = P.ShortMode ? *(ushort*)(buffer + P.ModeOffset) : *(uint*)(buffer + P.ModeOffset);
        return new FileStatus(device, *(ulong*)(buffer + 8), (int)mode, *(uint*)(buffer + P.OwnerOffset));
    }

    // glibc before 2.33 exports no fstat, only __fxstat with the struct's version.
    private static int FStatAnyGlibc(Descriptor file, byte* buffer)
    {
        try
        {
            return FStat(file, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            return FXStat(P.StatVersion, file, buffer);
        }
    }

    private static Platform? KnownPlatform()
    {
        var architecture = RuntimeInformation.ProcessArchitecture;
        return OperatingSystem.IsLinux() && architecture == Architecture.X64 ? new(0x20000, 0x10000, 0x800, 0x40, 0x80, 0x80000, 11, 40, 36, 24, false, 28, false, 1)
            : OperatingSystem.IsLinux() && architecture == Architecture.Arm64 ? new(0x8000, 0x4000, 0x800, 0x40, 0x80, 0x80000, 11, 40, 36, 16, false, 24, false, 0)
            : OperatingSystem.IsMacOS() && architecture == Architecture.Arm64 ? new(0x100, 0x100000, 0x4, 0x200, 0x800, 0x1000000, 35, 62, 63, 4, true, 16, true, 0)
            : null;
    }

    /// <summary>A wrong table would misread every owner and mode: the root folder's mode must read as .NET reads it.</summary>
    private static bool ReadsModesAsDotNetDoes()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            using var root = OpenFolder("/", followLink: true, out _);
            return root is not null && StatusOf(root) is { IsFolder: true } status
                && status.Permissions == (int)File.GetUnixFileMode("/");
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAt(Descriptor folder, string name, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(Descriptor file, int operation);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkDir(string path, int mode);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    private static partial int FChMod(Descriptor file, int mode);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnlinkAt(Descriptor folder, string name, int flags);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint PRead(Descriptor file, byte* buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint PWrite(Descriptor file, byte* buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int FStat(Descriptor file, byte* buffer);

    [LibraryImport("libc", EntryPoint = "__fxstat", SetLastError = true)]
    private static partial int FXStat(int version, Descriptor file, byte* buffer);

    [LibraryImport("libc", EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "__lxstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LXStat(int version, string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}

/// <summary>What <c>fstat</c> says of an open file: which file it is, its type and permissions, and its owner.</summary>
internal readonly record struct FileStatus(ulong Device, ulong Inode, int Mode, uint Owner)
{
    public bool IsFolder => (Mode & 0xF000) == 0x4000;

    public bool IsRegularFile => (Mode & 0xF000) == 0x8000;

    /// <summary>The permission bits with set-user, set-group and sticky: what <c>chmod</c> takes.</summary>
    public int Permissions => Mode & 0xFFF;

    public bool IsSameFile(FileStatus other) => Device == other.Device && Inode == other.Inode;
}

/// <summary>An open file or folder of the operating system, closed once, when disposed (closing a lock file lets its lock go).</summary>
internal sealed class Descriptor : Microsoft.Win32.SafeHandles.SafeHandleMinusOneIsInvalid
{
    public Descriptor(int fd)
        : base(ownsHandle: true) => SetHandle(fd);

    protected override bool ReleaseHandle() => Posix.Close((int)handle) == 0;
}
