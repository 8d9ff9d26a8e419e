using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LinerBulkUpdater.Operating;

/// <summary>
/// Which file a path names, whatever links lead to it: the device and inode (on Windows, the volume's
/// serial number and the file index). Two paths are one file when their identities are equal: a symbolic
/// link, a hard link, <c>./x</c> and <c>../dir/x</c> all say so, where comparing paths cannot.
/// </summary>
/// <remarks>
/// Written by hand because .NET has no API for a file's identity. <c>stat</c> follows symbolic links, which is
/// what is wanted here; its <c>st_dev</c> and <c>st_ino</c> open the struct on Linux x64 and arm64 (offsets 0
/// and 8), and macOS keeps <c>st_ino</c> at offset 8 after a 4-byte <c>st_dev</c>.
/// </remarks>
internal readonly partial record struct FileIdentity(ulong Device, ulong Inode)
{
    // Larger than struct stat on every platform we build for (144 bytes on Linux x64).
    private const int StatBufferSize = 256;

    /// <returns>The identity of the file <paramref name="path"/> names, or null when no such file can be looked at.</returns>
    public static FileIdentity? Of(string path)
    {
        try
        {
            return OperatingSystem.IsWindows() ? OfWindowsFile(path) : OfUnixFile(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether both paths name one existing file.</summary>
    public static bool Same(string one, string other) => Of(one) is { } first && Of(other) is { } second && first == second;

    private static unsafe FileIdentity? OfUnixFile(string path)
    {
        var buffer = stackalloc byte[StatBufferSize];
        if (Stat(path, buffer) != 0)
        {
            return null;
        }

        var device = OperatingSystem.IsMacOS() ? (ulong)(uint)*(int*)buffer : *(ulong*)buffer;
        return new FileIdentity(device, *(ulong*)(buffer + 8));
    }

    private static FileIdentity? OfWindowsFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return GetFileInformationByHandle(handle, out var information)
            ? new FileIdentity(information.VolumeSerialNumber, ((ulong)information.FileIndexHigh << 32) | information.FileIndexLow)
            : null;
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Stat(string path, byte* buffer);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetFileInformationByHandle(SafeFileHandle handle, out ByHandleFileInformation information);

    // FILETIMEs are pairs of DWORDs: 4-byte alignment, as Windows lays the struct out.
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct ByHandleFileInformation
    {
        public uint FileAttributes;
        public long CreationTime;
        public long LastAccessTime;
        public long LastWriteTime;
        public uint VolumeSerialNumber;
        public uint FileSizeHigh;
        public uint FileSizeLow;
        public uint NumberOfLinks;
        public uint FileIndexHigh;
        public uint FileIndexLow;
    }
}
