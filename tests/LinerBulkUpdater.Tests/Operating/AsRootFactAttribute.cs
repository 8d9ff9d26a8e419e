using System.Diagnostics;
using LinerBulkUpdater.Operating;

namespace LinerBulkUpdater.Tests.Operating;

/// <summary>
/// A test that acts as other users (a folder chown'ed to another uid, a run started as another uid) or
/// mounts a small disk: only root on Linux can, so anywhere else it is skipped, saying why.
/// </summary>
internal sealed class AsRootFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> CanMount = new(TinyDisk.CanMount);

    /// <param name="mounts">Whether the test mounts a <see cref="TinyDisk"/>.</param>
    /// <param name="startsOtherUsers">Whether the test starts liner-bulk as other users, who must be able to read it.</param>
    public AsRootFactAttribute(bool mounts = false, bool startsOtherUsers = false)
    {
        if (!OperatingSystem.IsLinux() || Posix.UserId != 0)
        {
            Skip = "acts as other users (chown, setpriv): needs root on Linux";
        }
        else if (mounts && !CanMount.Value)
        {
            Skip = "mounts a small tmpfs to fill it: mount is not permitted here";
        }
        else if (startsOtherUsers && !OpenToOtherUsers(AppContext.BaseDirectory))
        {
            Skip = $"starts liner-bulk as other users, who cannot read {AppContext.BaseDirectory}";
        }
    }

    /// <summary>Whether another user can reach every folder up to <paramref name="folder"/> and read its files (setpriv too).</summary>
    private static bool OpenToOtherUsers(string folder)
    {
        for (var at = new DirectoryInfo(folder); at is not null; at = at.Parent)
        {
            if ((at.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return (File.GetUnixFileMode(Path.Combine(folder, "liner-bulk.dll")) & UnixFileMode.OtherRead) != 0
            && (File.Exists("/usr/bin/setpriv") || File.Exists("/bin/setpriv"));
    }
}

/// <summary>A tmpfs of a few kilobytes, to be filled: a full disk without filling a real one.</summary>
internal sealed class TinyDisk : IDisposable
{
    private TinyDisk(string path) => Path = path;

    public string Path { get; }

    public static TinyDisk Mount() => TryMount() ?? throw new InvalidOperationException("mount -t tmpfs failed");

    private static TinyDisk? TryMount()
    {
        var path = Directory.CreateTempSubdirectory("liner-disk-").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", path) == 0)
        {
            return new TinyDisk(path);
        }

        Directory.Delete(path);
        return null;
    }

    /// <summary>Fills the disk to its last byte.</summary>
    public void Fill()
    {
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.CreateNew);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    public static bool CanMount()
    {
        try
        {
            using var disk = TryMount();
            return disk is not null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // No mount program.
        }
    }

    public static int Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        Run("umount", Path);
        Directory.Delete(Path);
    }
}
