using System.Text;
using LinerBulkUpdater.Leads;

namespace LinerBulkUpdater.Templates;

/// <summary>
/// <c>liner-bulk template PATH.xlsx|PATH.csv</c>: an empty input file with a column for every field, so
/// users start from names the tool knows. The CSV is just the header; the workbook also documents each field.
/// </summary>
internal static class InputTemplate
{
    /// <summary>The header every template has: the lead id, then the fields in the API document's order.</summary>
    public static IReadOnlyList<string> Header { get; } = [LeadFields.LeadId, .. LeadFields.All.Select(field => field.Name)];

    /// <summary>
    /// Writes the template the extension of <paramref name="path"/> asks for. Never replaces a file: a typo
    /// must not cost a user their spreadsheet. Throws <see cref="UsageException"/> for any other extension,
    /// an existing file, or a folder that cannot be written.
    /// </summary>
    /// <param name="statuses">Liner's lead statuses, for a workbook's Statuses sheet; null when not read.</param>
    /// <param name="custom">Liner's custom fields, whose fields of leads are columns after the API's fields (by title, or
    /// <c>custom:&lt;id&gt;</c> where the title would not map back: <see cref="CustomFields.ColumnName"/>); none when not read.</param>
    public static void Write(string path, IReadOnlyList<LeadStatus>? statuses = null, CustomFields? custom = null)
    {
        var extension = Path.GetExtension(path);
        IReadOnlyList<(CustomField Field, string Column)> columns = custom is null ? [] : [.. custom.OfLeads.Select(field => (field, custom.ColumnName(field)))];
        Action<Stream> write = extension.ToLowerInvariant() switch
        {
            ".csv" => file => WriteCsv(file, custom is null ? [] : [.. columns.Select(column => CsvHeader(custom, column.Field, column.Column))]),
            ".xlsx" => file => XlsxInputTemplate.Write(file, statuses, columns),
            _ => throw new UsageException($"{path}: a template is written as .xlsx or .csv, not '{extension}'"),
        };

        if (Directory.Exists(path))
        {
            throw new UsageException($"{path} is a folder; give a file name ending .xlsx or .csv");
        }

        FileStream file;
        try
        {
            // CreateNew, not a File.Exists check first: nothing can appear between the check and the write.
            file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new UsageException($"{path} already exists; the template is never written over a file: choose another name or remove it first");
        }
        catch (Exception exception) when (exception is DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            throw new UsageException($"{path}: cannot create the file: {exception.Message}");
        }

        try
        {
            using (file)
            {
                write(file);
            }
        }
        catch
        {
            // The file is ours (CreateNew): a half-written template is no use to anyone.
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The header alone: UTF-8 with a byte order mark, as Excel needs to show non-Latin text typed into it later.</summary>
    private static void WriteCsv(Stream file, IReadOnlyList<string> custom)
    {
        using var text = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        text.Write(string.Join(',', Header.Concat(custom.Select(Quoted))));
        text.Write("\r\n");
    }

    /// <summary>
    /// A custom field's column in a CSV file, where a spreadsheet runs a cell that starts like a formula (a title such as
    /// <c>=HYPERLINK(…)</c> or <c>-2+3</c> is Liner's text, not ours to trust): such a title gets a leading <c>'</c>
    /// (<see cref="SpreadsheetText.Inert"/>), which the column map takes off again. A workbook's header cells are text and
    /// need none. Where that header would name another field (one titled with the <c>'</c> itself), <c>custom:&lt;id&gt;</c>.
    /// </summary>
    internal static string CsvHeader(CustomFields custom, CustomField field, string column)
    {
        var inert = SpreadsheetText.Inert(column);
        return ReferenceEquals(custom.Find(inert, out _), field) ? inert : field.Key;
    }

    /// <summary>A title as a CSV header cell: quoted when it holds a comma, a quote or a line break.</summary>
    private static string Quoted(string title) =>
        title.AsSpan().IndexOfAny(",\"\r\n") < 0 ? title : $"\"{title.Replace("\"", "\"\"")}\"";
}
