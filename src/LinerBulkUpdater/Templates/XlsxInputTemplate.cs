using ClosedXML.Excel;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Templates;

/// <summary>
/// The workbook template: sheet "Leads" to fill in (header bold and frozen, each header cell with a note
/// giving its rule, text columns formatted as text) and sheet "Fields" documenting every field.
/// ClosedXML is enough for a file this small; column widths are set by hand because its AdjustToContents
/// needs GDI+, which is not there on Linux.
/// </summary>
internal static class XlsxInputTemplate
{
    public const string LeadsSheet = "Leads";
    public const string FieldsSheet = "Fields";
    public const string StatusesSheet = "Statuses";

    public const string LeadIdRule = "required: the Liner lead id, an integer > 0";

    /// <summary>The input rules (docs/reference.md#input-files) that a user filling the sheet needs.</summary>
    public static readonly IReadOnlyList<string> GeneralRules =
    [
        "The first row is the header. Columns match field names whatever their case; other names can be mapped in the settings (Mapping:Columns). A column that matches nothing stops the run before anything is sent.",
        "A blank cell leaves the field alone: it is not sent.",
        "#clear (setting Input:ClearMarker) clears the field: \"\" is sent for a string field, null for an int field.",
        "Values are trimmed. Phone numbers are sent as E.164 digits; national forms use the default region (Phone:DefaultRegion, RU): 8 (900) 123-45-67 → 79001234567.",
        "A leading @ is dropped from telegramUserName and instagramLogin.",
        "call_timestamp takes Unix seconds (1772348400), ISO 8601 with or without an offset (2026-03-01T10:00:00+03:00), or an Excel date cell. A time without an offset is read in Input:TimeZone (UTC unless set). A value that looks like milliseconds is refused.",
        "int fields take whole numbers only: 2, or 2.0 from a number cell, never 2.5.",
        "A row that breaks a rule is reported as invalid, with the reason, and never sent; the other rows go on.",
    ];

    /// <summary>Excel's text format: what is typed stays as typed (leading zeros, 79001234567 not 7.9E+10).</summary>
    private const string TextFormat = "@";

    /// <param name="statuses">Liner's lead statuses, when they could be read: listed on their own sheet.</param>
    /// <param name="custom">Liner's custom fields of leads: columns after the API's, their type and options in the note.</param>
    public static void Write(Stream file, IReadOnlyList<LeadStatus>? statuses, IReadOnlyList<(CustomField Field, string Column)> custom)
    {
        using var workbook = new XLWorkbook();
        WriteLeads(workbook.AddWorksheet(LeadsSheet), custom);
        WriteFields(workbook.AddWorksheet(FieldsSheet), custom);
        if (statuses is not null)
        {
            WriteStatuses(workbook.AddWorksheet(StatusesSheet), statuses);
        }

        workbook.SaveAs(file);
    }

    /// <summary>What the status column takes: an id, a code or a title (a title two statuses share is refused).</summary>
    private static void WriteStatuses(IXLWorksheet sheet, IReadOnlyList<LeadStatus> statuses)
    {
        string[] heading = ["id", "code", "title", "category"];
        for (var i = 0; i < heading.Length; i++)
        {
            sheet.Cell(1, i + 1).SetValue(heading[i]);
        }

        sheet.Row(1).Style.Font.Bold = true;
        var row = 2;
        foreach (var status in statuses)
        {
            sheet.Cell(row, 1).SetValue(status.Id);
            sheet.Cell(row, 2).SetValue(status.Code);
            sheet.Cell(row, 3).SetValue(status.Title);
            sheet.Cell(row, 4).SetValue(status.Category);
            row++;
        }

        sheet.Cell(row + 1, 1).SetValue("The status column takes the id, the code or the title; a title two statuses share is refused: write its id or code.");
        sheet.Column(1).Width = 8;
        sheet.Column(2).Width = 20;
        sheet.Column(3).Width = 30;
        sheet.Column(4).Width = 16;
        sheet.SheetView.FreezeRows(1);
    }

    private static void WriteLeads(IXLWorksheet sheet, IReadOnlyList<(CustomField Field, string Column)> custom)
    {
        var header = InputTemplate.Header;
        for (var i = 0; i < custom.Count; i++)
        {
            var cell = sheet.Cell(1, header.Count + i + 1);
            var (field, name) = custom[i];
            cell.SetValue(name);
            cell.Style.Font.Bold = true;
            cell.Comment.AddText(CustomRule(field));
            var column = sheet.Column(header.Count + i + 1);
            if (field.Type.JsonType is not ("number" or "bool"))
            {
                // Dates as typed: 01.12.2026 stays that text, read as the date it says.
                column.Style.NumberFormat.Format = TextFormat;
            }

            column.Width = Math.Clamp(name.Length + 4, 12, 40);
        }

        for (var i = 0; i < header.Count; i++)
        {
            var cell = sheet.Cell(1, i + 1);
            cell.SetValue(header[i]);
            cell.Style.Font.Bold = true;
            // ClosedXML 0.95.4 gives a note a fixed default size, not one measured with GDI+, so this is safe
            // on Linux (InputTemplateTests writes and reads notes back there).
            cell.Comment.AddText(RuleOf(header[i]));

            var field = LeadFields.Find(header[i]);
            var column = sheet.Column(i + 1);
            if (field is { IsNumeric: false })
            {
                column.Style.NumberFormat.Format = TextFormat;
            }

            column.Width = Math.Clamp(Math.Max(header[i].Length, FieldExamples.Of(header[i]).Length) + 4, 12, 40);
        }

        sheet.SheetView.FreezeRows(1);
    }

    private static void WriteFields(IXLWorksheet sheet, IReadOnlyList<(CustomField Field, string Column)> custom)
    {
        string[] heading = ["field", "JSON type", "rule", "example"];
        for (var i = 0; i < heading.Length; i++)
        {
            sheet.Cell(1, i + 1).SetValue(heading[i]);
        }

        sheet.Row(1).Style.Font.Bold = true;
        var row = 2;
        foreach (var name in InputTemplate.Header)
        {
            var field = LeadFields.Find(name);
            sheet.Cell(row, 1).SetValue(name);
            sheet.Cell(row, 2).SetValue(field is { IsNumeric: false } ? "string" : "int");
            sheet.Cell(row, 3).SetValue(RuleOf(name));
            // Set as text: an example such as 007 or 79001234567 must show as written.
            sheet.Cell(row, 4).SetValue(FieldExamples.Of(name));
            sheet.Cell(row, 4).Style.NumberFormat.Format = TextFormat;
            row++;
        }

        foreach (var (field, name) in custom)
        {
            sheet.Cell(row, 1).SetValue(name);
            sheet.Cell(row, 2).SetValue(field.Type.JsonType);
            sheet.Cell(row++, 3).SetValue(CustomRule(field));
        }

        row++;
        sheet.Cell(row++, 1).SetValue("How cells are read").Style.Font.Bold = true;
        foreach (var rule in GeneralRules)
        {
            sheet.Cell(row++, 1).SetValue(rule);
        }

        sheet.Column(1).Width = 20;
        sheet.Column(2).Width = 11;
        sheet.Column(3).Width = 70;
        sheet.Column(4).Width = 30;
        sheet.SheetView.FreezeRows(1);
    }

    /// <summary>A custom field's note: <c>custom field 102 (select): one option, by title or code: …</c>.</summary>
    private static string CustomRule(CustomField field) => $"custom field {field.Id}, '{field.Title}' ({field.TypeName}): {field.Rule}";

    private static string RuleOf(string name) => LeadFields.Find(name)?.Rule ?? LeadIdRule;
}
