namespace LinerBulkUpdater.Input;

/// <summary>Finding a column by its header cell, as every reader of the tool's own files does: any case.</summary>
internal static class HeaderCells
{
    /// <returns>The 0-based column whose header is <paramref name="name"/> (any case); -1 when there is none.</returns>
    public static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
