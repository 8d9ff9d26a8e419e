using System.Text;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Tests.Reporting;

/// <summary>
/// An undo file read back as the input of a run (CONTRACT §6 "Guarded undo", "Exact values", §2): whole rows only, however
/// the file was cut short; Liner's values byte for byte; the same values whatever the settings it is applied under.
/// </summary>
public sealed class UndoFileReadingTests : IDisposable
{
    private static readonly FieldRules Rules = new(FieldRulesOptions.Default);
    private static readonly CsvInputOptions AsARunOpensIt = new() { LastRecordOf = UndoFileFormat.LastRecordOf };

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string UndoPath => Path.Combine(_folder.Path, "leads.undo.csv");

    private static RawRow Row(int sourceRow) => new(sourceRow, sourceRow + 1, []);

    private static FieldChange Before(FieldValue before) => new(before.Field, before, FieldValue.Of(before.Field, "new"));

    private static FieldChange Text(UpdateField field, string before) => Before(FieldValue.Of(field, before));

    /// <summary>The file's rows as a run given it as input reads them: opened as RowSources opens it, parsed by its header's rules.</summary>
    private static (List<LeadUpdate> Updates, long CutOffLine) Apply(string path, FieldRulesOptions settings)
    {
        using var source = CsvRowSource.Open(path, AsARunOpensIt);
        var columns = ColumnMap.Build("leads.undo.csv", source.Header, new Dictionary<string, string>(), ReportColumns.IgnoredIn(source.Header));
        var parser = new LeadRowParser(columns, UndoFileFormat.RulesFor(source.Header, new FieldRules(settings)));
        var updates = source.ReadRows().Select(row => parser.Parse(row)).Select(verdict => verdict.Update ?? throw new InvalidOperationException(verdict.Problem)).ToList();
        return (updates, source.CutOffLine);
    }

    private static List<string> Shown(IEnumerable<LeadUpdate> updates) => [.. updates.Select(update => $"{update.LeadId}: {string.Join(" | ", update.Fields)}")];

    [Fact]
    public void Text_with_spaces_or_a_line_break_at_its_ends_is_written_as_liner_holds_it_and_read_back_byte_for_byte()
    {
        FieldValue[] before =
        [
            FieldValue.Of(LeadFields.ClientName, "  padded  "),
            FieldValue.Of(LeadFields.QuizLog, "анкета\n"),
            FieldValue.Of(LeadFields.ExternalId, "\t=tab first"),
            FieldValue.Of(LeadFields.TelegramUserName, " ivan"),
            FieldValue.Of(LeadFields.InstagramLogin, "   "),
        ];
        using (var undo = new UndoFile(UndoPath, [.. before.Select(value => value.Field)], Rules, "leads.csv"))
        {
            Assert.Null(undo.Cover(7, [.. before.Select(Before)], Row(1)));
        }

        var update = Assert.Single(Apply(UndoPath, FieldRulesOptions.Default).Updates);

        Assert.Equal(before, update.Fields);
    }

    [Fact]
    public void A_value_that_would_come_back_other_than_liner_holds_it_fails_the_row_and_nothing_is_written()
    {
        using var undo = new UndoFile(UndoPath, [LeadFields.ClientPhone], Rules, "leads.csv");

        // Liner took a phone with spaces around it: the undo file would put back the digits alone.
        Assert.Equal(
            "Liner holds ' 79001234567 ' in client_phone, which an undo file could not put back (it would read back as '79001234567')",
            undo.Cover(7, [Text(LeadFields.ClientPhone, " 79001234567 ")], Row(1)));
        Assert.Equal(0, undo.Rows);
    }

    [Fact]
    public void Empty_values_are_written_as_clear_and_read_back_as_empty_whatever_clear_marker_the_run_or_the_undo_is_given()
    {
        var runSettings = FieldRulesOptions.Default with { ClearMarker = "-", TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Vladivostok"), DefaultRegion = "KZ" };
        FieldValue[] before =
        [
            FieldValue.Cleared(LeadFields.ClientName),
            FieldValue.Of(LeadFields.ClientPhone, "79001234567"),
            // The run's clear marker is text like any other in Liner: the file keeps it, as it holds no other meaning there.
            FieldValue.Of(LeadFields.QuizLog, "-"),
            FieldValue.Of(LeadFields.CallTimestamp, 1_700_000_000),
            FieldValue.Cleared(LeadFields.Priority),
        ];
        using (var undo = new UndoFile(UndoPath, [.. before.Select(value => value.Field)], new FieldRules(runSettings), "leads.csv"))
        {
            Assert.Null(undo.Cover(7, [.. before.Select(Before)], Row(1)));
        }

        var written = File.ReadAllText(UndoPath);
        Assert.Contains("\r\n7,#clear,'+79001234567,'-,1700000000,#clear,", written);
        Assert.EndsWith(",leads.csv row 1,3\r\n", written);
        foreach (var applied in new[] { FieldRulesOptions.Default, runSettings, FieldRulesOptions.Default with { ClearMarker = "#empty", DefaultRegion = "US" } })
        {
            var update = Assert.Single(Apply(UndoPath, applied).Updates);
            Assert.Equal(before, update.Fields);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_file_cut_short_at_any_byte_gives_every_whole_row_before_the_cut_and_never_part_of_one(bool byteOrderMark)
    {
        // The last column is #clear, a Cyrillic name (2-byte letters), a quoted value over three lines, a formula made inert.
        FieldChange[][] rows =
        [
            [Text(LeadFields.ClientName, "  padded  "), Before(FieldValue.Cleared(LeadFields.Status))],
            [Text(LeadFields.QuizLog, "анкета: \"да\",\nвторая строка\n")],
            [Text(LeadFields.ClientName, "Ёжик Иголкин"), Text(LeadFields.QuizLog, "=1+1")],
        ];
        var whole = Path.Combine(_folder.Path, "whole.undo.csv");
        using (var undo = new UndoFile(whole, [LeadFields.ClientName, LeadFields.QuizLog, LeadFields.Status], Rules, "leads.csv"))
        {
            for (var row = 0; row < rows.Length; row++)
            {
                Assert.Null(undo.Cover(row + 1, rows[row], Row(row + 1)));
            }
        }

        // Saved again without its byte order mark, it is still read as UTF-8, and still cut only between letters.
        var bytes = byteOrderMark ? File.ReadAllBytes(whole) : File.ReadAllBytes(whole)[3..];
        File.WriteAllBytes(whole, bytes);
        var all = Apply(whole, FieldRulesOptions.Default).Updates;
        Assert.Equal(rows.Select(row => row.Select(change => change.Before)), all.Select(update => update.Fields));
        // Where each row's undo_format cell ends: a cut there or later has the row whole.
        var headerEnd = bytes.AsSpan().IndexOf("undo_format\r\n"u8) + "undo_format\r\n".Length;
        var rowEnds = Enumerable.Range(1, rows.Length).Select(row => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"row {row},3")) + $"row {row},3".Length).ToArray();

        // Every byte: inside the 2-byte Ё, inside the quoted cell over three lines, between a row's CR and LF, after its undo_format.
        for (var cut = headerEnd; cut <= bytes.Length; cut++)
        {
            File.WriteAllBytes(UndoPath, bytes[..cut]);

            var (updates, cutOffLine) = Apply(UndoPath, FieldRulesOptions.Default);

            var wholeRows = rowEnds.Count(end => end <= cut);
            Assert.Equal(Shown(all.Take(wholeRows)), Shown(updates));
            var lastEnd = wholeRows == 0 ? headerEnd : rowEnds[wholeRows - 1] + "\r\n".Length;
            Assert.Equal(cut > lastEnd, cutOffLine > 0);
        }
    }

    [Fact]
    public void A_last_row_that_has_its_undo_format_is_whole_though_the_file_was_saved_again_without_its_last_line_break()
    {
        File.WriteAllText(UndoPath, "\uFEFFlead_id,client_name,undo_of,undo_format\r\n7,Анна,leads.csv row 1,2\r\n8,Пётр,leads.csv row 2,2", Encoding.UTF8);

        var (updates, cutOffLine) = Apply(UndoPath, FieldRulesOptions.Default);

        Assert.Equal([7L, 8L], updates.Select(update => update.LeadId));
        Assert.Equal(0, cutOffLine);
    }

    [Fact]
    public void An_undo_file_written_before_undo_format_is_applied_as_then_with_the_settings_clear_marker_and_a_last_row_without_its_line_break_left_out()
    {
        var settings = FieldRulesOptions.Default with { ClearMarker = "-" };
        var text = "\uFEFFlead_id,client_name,quiz_log,undo_of\r\n7, Анна ,-,leads.csv row 1\r\n8,Пётр,x,leads.csv row 2\r\n";
        File.WriteAllText(UndoPath, text, Encoding.UTF8);

        var (updates, cutOffLine) = Apply(UndoPath, settings);

        Assert.Equal(0, cutOffLine);
        Assert.Equal([FieldValue.Of(LeadFields.ClientName, "Анна"), FieldValue.Cleared(LeadFields.QuizLog)], updates[0].Fields);
        Assert.Equal(2, updates.Count);

        // Cut after the row's last cell, and inside the 2-byte ё: the row is left out, the file is not "not UTF-8".
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var cut in new[] { bytes.Length - 2, bytes.AsSpan().IndexOf("8,Пё"u8) + 5 })
        {
            File.WriteAllBytes(UndoPath, bytes[..cut]);
            (updates, cutOffLine) = Apply(UndoPath, settings);
            Assert.Equal(3, cutOffLine);
            Assert.Equal(7, Assert.Single(updates).LeadId);
        }
    }

    [Fact]
    public void An_input_that_is_no_undo_file_and_ends_in_half_a_letter_is_refused_as_before()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFFlead_id,client_name\n1,Пётр\n");
        var path = _folder.Write("leads.csv", bytes[..^2]);

        var refused = Assert.Throws<UsageException>(() => CsvRowSource.Open(path, AsARunOpensIt));

        Assert.Equal($"{path}: line 2 is not UTF-8, although the file starts with UTF-8's byte order mark; save the whole file again as UTF-8", refused.Message);
    }
}
