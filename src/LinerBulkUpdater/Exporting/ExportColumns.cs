using System.Globalization;
using System.Text.Json;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;
using LinerBulkUpdater.Templates;

namespace LinerBulkUpdater.Exporting;

/// <summary>One column of an export: its header, and the field it holds (null for <c>lead_id</c> and the status title).</summary>
/// <param name="IsNumber">Written as a number cell in a workbook: the lead id and the v1 update's integers.</param>
internal sealed record ExportColumn(string Header, UpdateField? Field, bool IsNumber);

/// <summary>
/// The columns of an export (CONTRACT §8), as an input file a run maps back: <c>lead_id</c>, each field the lead list
/// shows that a run can set (the v1 fields but <c>campaign_id</c> and <c>external_id</c>, which only the v1 detail shows,
/// then the integration ids), the custom fields of leads titled as the template titles them, and last
/// <see cref="ReportColumns.StatusTitle"/>, which a run ignores. Each cell holds what Liner holds, as an undo file
/// writes it (<see cref="UpdateField.UndoCell"/>), so a run reads it back as the same value: <c>status</c> as its id,
/// the next call as Liner's ISO time, a phone with its <c>+</c>.
/// </summary>
internal sealed class ExportColumns
{
    private readonly IReadOnlyDictionary<long, string> _titles;

    /// <param name="withV1">Also <c>campaign_id</c> and <c>external_id</c>: each lead's v1 detail is read for them.</param>
    /// <param name="csv">Custom fields' titles as a CSV header writes them (<see cref="InputTemplate.CsvHeader"/>).</param>
    public ExportColumns(bool withV1, CustomFields custom, IReadOnlyList<LeadStatus> statuses, bool csv)
    {
        _titles = statuses.GroupBy(status => status.Id).ToDictionary(group => group.Key, group => group.First().Title);
        var columns = new List<ExportColumn> { new(LeadFields.LeadId, null, IsNumber: true) };
        columns.AddRange(LeadFields.All.Where(field => withV1 || !field.InV1Detail)
            .Select(field => new ExportColumn(field.Name, field, field.Kind == FieldKind.Integer)));
        foreach (var field in custom.OfLeads)
        {
            var name = custom.ColumnName(field);
            columns.Add(new ExportColumn(csv ? InputTemplate.CsvHeader(custom, field, name) : name, field, IsNumber: false));
        }

        columns.Add(new ExportColumn(ReportColumns.StatusTitle, null, IsNumber: false));
        All = columns;
        ReadsV1 = withV1;
    }

    public IReadOnlyList<ExportColumn> All { get; }

    /// <summary>Whether each lead's v1 detail must be read too.</summary>
    public bool ReadsV1 { get; }

    /// <summary>The row of one lead: <paramref name="lead"/> as the list shows it, <paramref name="v1"/> its v1 detail when read.</summary>
    public void Fill(string[] cells, JsonElement lead, JsonElement? v1)
    {
        for (var i = 0; i < All.Count; i++)
        {
            var column = All[i];
            cells[i] = column.Field is { } field ? Cell(field, lead, v1)
                : column.Header == LeadFields.LeadId ? Id(lead)
                : StatusTitle(lead);
        }
    }

    /// <summary>What Liner holds, kept byte for byte; empty when it holds nothing or shows no value of a usable type.</summary>
    private static string Cell(UpdateField field, JsonElement lead, JsonElement? v1) =>
        field.HeldText(lead, v1) is { Length: > 0 } text ? field.UndoCell(text) : "";

    private static string Id(JsonElement lead) =>
        lead.TryGetProperty("id", out var id) && Sending.ListRead.Id(id) is { } number ? number.ToString(CultureInfo.InvariantCulture) : "";

    private string StatusTitle(JsonElement lead) =>
        lead.TryGetProperty("statusId", out var id) && Sending.ListRead.Id(id) is { } status ? _titles.GetValueOrDefault(status, "") : "";
}
