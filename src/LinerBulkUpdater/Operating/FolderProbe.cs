namespace LinerBulkUpdater.Operating;

/// <summary>
/// Whether files can be made in a folder, found the only sure way: by making one (a permission check would
/// miss a read-only mount, ACLs, and root's exemptions), a hidden temporary file deleted at once, so no
/// file of the user's is touched. A folder that does not exist yet is judged by the nearest one that does,
/// where a run would make it.
/// </summary>
internal static class FolderProbe
{
    /// <returns>Null when a file can be made there; otherwise why not, in a few words.</returns>
    public static string? WhyNotWritable(string folder)
    {
        var existing = Path.GetFullPath(folder);
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return $"{existing} is a file, not a folder";
            }

            existing = Path.GetDirectoryName(existing);
            if (existing is null)
            {
                return "no part of the path exists";
            }
        }

        try
        {
            using var probe = new FileStream(
                Path.Combine(existing, $".liner-bulk-probe-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"permission denied in {existing}";
        }
        catch (IOException exception)
        {
            return exception.Message.ReplaceLineEndings(" ");
        }
    }
}
