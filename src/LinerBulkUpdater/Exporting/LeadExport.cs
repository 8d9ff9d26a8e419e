using System.Text.Json;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Exporting;

/// <summary>
/// One export: a sweep of the lead list, each lead written as it comes (memory flat in the number of leads), and with
/// <see cref="ExportColumns.ReadsV1"/> each page's v1 details read side by side (at most <c>concurrency</c> at once)
/// before the page is written in order. Writes nothing to Liner.
/// </summary>
internal sealed class LeadExport(LeadSender sender, string listPath, ExportColumns columns, int concurrency)
{
    /// <summary>Writes the leads <paramref name="filter"/> covers to <paramref name="writer"/>.</summary>
    /// <returns>Null when every lead was written; otherwise why the export stopped (what came before is in the file).</returns>
    public async Task<string?> RunAsync(LeadListFilter filter, IExportWriter writer, SweepProgress progress)
    {
        var sweep = new LeadListSweep(sender, listPath, filter);
        var cells = new string[columns.All.Count];
        await foreach (var page in sweep.PagesAsync())
        {
            (JsonElement?[] Details, string? Failure)? v1 = columns.ReadsV1 ? await V1Details.ReadAsync(sender, page.Leads, concurrency) : null;
            if (v1 is { Failure: { } failed })
            {
                return failed;
            }

            for (var i = 0; i < page.Leads.Count; i++)
            {
                columns.Fill(cells, page.Leads[i], v1?.Details[i]);
                writer.Write(cells);
            }

            progress.Count(page.Leads.Count, page.Total);
        }

        return sweep.Failure;
    }
}
