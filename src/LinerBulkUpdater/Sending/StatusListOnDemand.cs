using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// Liner's status list, read through the run at the first row whose status is a code or a title, before that row is
/// read (CONTRACT §6): a file of ids never reads it, and no pass over the file is spent looking for names first.
/// </summary>
/// <param name="names">The run's field rules hold these names: pending until read.</param>
/// <param name="column">The status column (<see cref="StatusColumn.Of"/>).</param>
internal sealed class StatusListOnDemand(StatusNames names, int column, FieldRules rules, LinerConnection liner, RunStop stop)
{
    /// <summary>Whether <paramref name="row"/> needs the list, and it is not read yet.</summary>
    public bool Needs(RawRow row) => names.IsPending && StatusColumn.NamesStatus(row, column, rules);

    /// <summary>Whether <paramref name="row"/> names a status and the list could not be read: the row cannot be checked, nor sent.</summary>
    public bool CannotCheck(RawRow row) => names.CouldNotBeRead && StatusColumn.NamesStatus(row, column, rules);

    /// <returns>Null when the list was read (or the run had stopped anyway); otherwise why it could not be: the run stops.</returns>
    public async Task<string?> ReadAsync()
    {
        try
        {
            names.Fill(await liner.StatusesAsync());
            return null;
        }
        catch (UsageException) when (stop.IsStopped)
        {
            // Ctrl+C (or a refused key) while it was read: the run goes on to report every row, none sent.
            names.Fail(stop.Reason);
            return null;
        }
        catch (UsageException exception)
        {
            names.Fail(exception.Message);
            return exception.Message;
        }
    }
}
