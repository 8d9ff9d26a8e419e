using System.Text;
using LinerBulkUpdater.Input;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Reporting;

namespace LinerBulkUpdater.Tests.Reporting;

/// <summary>
/// The undo file as the user meets it: a CSV they can open, Liner's value before the run's first change to each (lead,
/// field) once, beside it every value the run set there (the guard's), formulas made harmless, never written over an
/// earlier one, and read back by the tool as exactly the values it holds.
/// </summary>
public sealed class UndoFileTests : IDisposable
{
    private static readonly FieldRules Rules = new(FieldRulesOptions.Default);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string UndoPath => Path.Combine(_folder.Path, "leads.undo.csv");

    private UndoFile Open(params UpdateField[] fields) => new(UndoPath, fields, Rules, "leads.csv");

    private static RawRow Row(int sourceRow) => new(sourceRow, sourceRow + 1, []);

    private static FieldChange Change(FieldValue before) => new(before.Field, before, FieldValue.Of(before.Field, 1));

    private static FieldChange Number(UpdateField field, long? before) =>
        Change(before is { } number ? FieldValue.Of(field, number) : FieldValue.Cleared(field));

    private static FieldChange Text(UpdateField field, string before) => Change(FieldValue.Of(field, before));

    /// <summary>The file's lines as a spreadsheet or another reader sees them while the run still has it open.</summary>
    private string[] Lines()
    {
        using var stream = new FileStream(UndoPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void The_file_is_utf8_with_a_bom_and_has_lead_id_the_fields_by_the_apis_names_what_the_run_set_in_each_undo_of_and_undo_format()
    {
        var city = new CustomField(102, "Город", CustomFieldType.String, "leads", []);

        using (Open(LeadFields.Status, LeadFields.TelegramUserName, city))
        {
        }

        Assert.Equal(Encoding.UTF8.GetBytes("\uFEFFlead_id,status,telegramUserName,custom:102,set:status,set:telegramUserName,set:custom:102,undo_of,undo_format\r\n"), File.ReadAllBytes(UndoPath));
    }

    [Fact]
    public void Each_lead_and_field_gets_the_value_before_the_runs_first_change_to_it_once_and_every_value_the_run_set()
    {
        using var undo = Open(LeadFields.Status, LeadFields.ClientName);

        Assert.Null(undo.Cover(7, [new FieldChange(LeadFields.Status, FieldValue.Of(LeadFields.Status, 2), FieldValue.Of(LeadFields.Status, 11))], Row(1)));
        // Status again: already covered, so its value before stays the first change's; what this row sets is recorded alone.
        Assert.Null(undo.Cover(7, [new FieldChange(LeadFields.Status, FieldValue.Of(LeadFields.Status, 11), FieldValue.Of(LeadFields.Status, 12))], Row(2)));
        // A field the lead's earlier rows did not touch: its value before, beside status's newest value set.
        Assert.Null(undo.Cover(7, [new FieldChange(LeadFields.Status, FieldValue.Of(LeadFields.Status, 12), FieldValue.Of(LeadFields.Status, 13)), Text(LeadFields.ClientName, "Пётр")], Row(3)));
        Assert.Null(undo.Cover(8, [Number(LeadFields.Status, 9)], Row(4)));
        // Nothing changed (a live diff found every field as the row sets it): nothing to write.
        Assert.Null(undo.Cover(8, [], Row(5)));

        Assert.Equal(4, undo.Rows);
        Assert.Equal(
            [
                "lead_id,status,client_name,set:status,set:client_name,undo_of,undo_format",
                "7,2,,11,,leads.csv row 1,3",
                "7,,,12,,leads.csv row 2,3",
                "7,,Пётр,13,1,leads.csv row 3,3",
                "8,9,,1,,leads.csv row 4,3",
            ],
            Lines());
    }

    [Fact]
    public void An_empty_value_before_is_written_as_the_clear_marker()
    {
        using var undo = Open(LeadFields.Priority, LeadFields.ClientName, LeadFields.QuizLog);

        undo.Cover(7, [Number(LeadFields.Priority, null), Text(LeadFields.ClientName, ""), Change(new FieldValue(LeadFields.QuizLog, null, null))], Row(1));

        Assert.Equal("7,#clear,#clear,#clear,1,1,1,leads.csv row 1,3", Lines()[1]);
    }

    [Fact]
    public void Each_row_is_in_the_file_when_cover_returns_so_a_kill_loses_none()
    {
        using var undo = Open(LeadFields.Status);

        undo.Cover(7, [Number(LeadFields.Status, 2)], Row(1));

        // The run still holds the file open: what is read now is what a kill -9 would leave.
        Assert.Equal("7,2,1,leads.csv row 1,3", Lines()[^1]);
    }

    [Fact]
    public void Liners_values_are_written_so_a_spreadsheet_runs_no_formula_and_are_read_back_exactly()
    {
        var custom = new CustomField(102, "Комментарий", CustomFieldType.String, "leads", []);
        var city = custom;
        FieldValue[] before =
        [
            FieldValue.Of(LeadFields.ClientName, "=HYPERLINK(\"http://evil.example\",\"click\")"),
            FieldValue.Of(LeadFields.ClientPhone, "79001234567"),
            FieldValue.Of(LeadFields.QuizLog, "{\"q\":\"Сколько?\",\"a\":\"-5\"}\nвторая строка, с \"кавычками\""),
            FieldValue.Of(LeadFields.CampaignId, "0042"),
            FieldValue.Of(LeadFields.ExternalId, "'=already quoted"),
            FieldValue.Of(LeadFields.Status, 2),
            FieldValue.Of(LeadFields.CallTimestamp, 1_700_000_000),
            FieldValue.Of(city, "@home +1"),
        ];
        using (var undo = Open([.. before.Select(value => value.Field)]))
        {
            Assert.Null(undo.Cover(7, [.. before.Select(Change)], Row(1)));
        }

        using var source = CsvRowSource.Open(UndoPath, new CsvInputOptions());
        var row = Assert.Single(source.ReadRows());
        Assert.Equal(
            ["7", "'=HYPERLINK(\"http://evil.example\",\"click\")", "'+79001234567", before[2].Text!, "0042", "''=already quoted", "2", "1700000000", "'@home +1", .. Enumerable.Repeat("1", 8), "leads.csv row 1", "3"],
            row.Cells);

        // Read as a run reads an undo file given as its input: every value is Liner's again, byte for byte.
        var columns = ColumnMap.Build("leads.undo.csv", source.Header, new Dictionary<string, string>(), ReportColumns.IgnoredIn(source.Header), new CustomFields([custom]));
        var verdict = new LeadRowParser(columns, Rules.ForUndoFile()).Parse(row);
        Assert.Null(verdict.Problem);
        Assert.Equal(7, verdict.Update!.LeadId);
        Assert.Equal(before, verdict.Update.Fields);
    }

    [Theory]
    [InlineData("#CLEAR", "Liner holds '#CLEAR' in client_name, which an undo file could not put back (it would read back as '(empty)')")]
    [InlineData("#clear", "Liner holds '#clear' in client_name, which an undo file could not put back (it would read back as '(empty)')")]
    public void A_value_the_file_could_not_give_back_is_the_rows_problem_and_nothing_of_the_row_is_written(string name, string problem)
    {
        using var undo = Open(LeadFields.Status, LeadFields.ClientName);

        Assert.Equal(problem, undo.Cover(7, [Number(LeadFields.Status, 2), Text(LeadFields.ClientName, name)], Row(1)));

        Assert.Equal(0, undo.Rows);
        Assert.Single(Lines());
        // Not even the status was taken as covered: the lead's next row writes it.
        Assert.Null(undo.Cover(7, [Number(LeadFields.Status, 2)], Row(2)));
        Assert.Equal("7,2,,1,,leads.csv row 2,3", Lines()[^1]);
    }

    [Fact]
    public void A_number_the_field_would_refuse_cannot_be_put_back()
    {
        using var undo = Open(LeadFields.VkId);

        Assert.Equal(
            "Liner holds '0' in vkId, which an undo file could not put back (it must be greater than 0)",
            undo.Cover(7, [Number(LeadFields.VkId, 0)], Row(1)));
        Assert.Equal(0, undo.Rows);
    }

    [Fact]
    public void An_existing_file_is_never_written_over()
    {
        File.WriteAllText(UndoPath, "an earlier run's undo file");

        Assert.Throws<IOException>(() => Open(LeadFields.Status));

        Assert.Equal("an earlier run's undo file", File.ReadAllText(UndoPath));
    }

    [Fact]
    public void A_link_planted_at_the_path_is_not_written_through()
    {
        var input = _folder.Write("leads.csv", "lead_id,status\n7,3\n", new UTF8Encoding(false));
        File.CreateSymbolicLink(UndoPath, input);
        var dangling = Path.Combine(_folder.Path, "dangling.undo.csv");
        var nowhere = Path.Combine(_folder.Path, "nowhere.csv");
        File.CreateSymbolicLink(dangling, nowhere);

        Assert.Throws<IOException>(() => Open(LeadFields.Status));
        Assert.Throws<IOException>(() => new UndoFile(dangling, [LeadFields.Status], Rules, "leads.csv"));

        Assert.Equal("lead_id,status\n7,3\n", File.ReadAllText(input));
        Assert.False(File.Exists(nowhere));
    }

    [Fact]
    public void An_input_of_more_than_128_fields_is_refused_before_the_file_is_made_and_128_are_covered()
    {
        var fields = Enumerable.Range(1, 129).Select(n => new LeadField($"field{n}", FieldKind.Text, "text", $"field{n}")).ToArray();

        var refused = Assert.Throws<UsageException>(() => Open(fields));

        Assert.Equal("--undo: the input sets 129 fields, and an undo file covers at most 128; split the columns over two files", refused.Message);
        Assert.False(File.Exists(UndoPath));
        using var undo = Open(fields[..128]);
        Assert.Null(undo.Cover(7, [Text(fields[127], "last")], Row(1)));
        Assert.EndsWith(",last," + new string(',', 127) + "1,leads.csv row 1,3", Lines()[^1]);
        Assert.Null(undo.Cover(7, [new FieldChange(fields[127], FieldValue.Of(fields[127], "1"), FieldValue.Of(fields[127], "again"))], Row(2)));
        Assert.Equal(2, undo.Rows);
        Assert.EndsWith("," + new string(',', 127) + "again,leads.csv row 2,3", Lines()[^1]);
    }

    [Fact]
    public async Task Rows_covered_by_many_workers_at_once_are_each_written_whole()
    {
        using var undo = Open(LeadFields.Status, LeadFields.Priority);

        // As a run's workers do: each holds its own leads, and they all write at once.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var lead = 1 + worker; lead <= 200; lead += 8)
            {
                Assert.Null(undo.Cover(lead, [Number(LeadFields.Status, lead), Number(LeadFields.Priority, lead % 7)], Row(lead)));
            }
        })));

        Assert.Equal(200, undo.Rows);
        Assert.Equal(
            Enumerable.Range(1, 200).Select(lead => $"{lead},{lead},{lead % 7},1,1,leads.csv row {lead},3"),
            Lines().Skip(1).OrderBy(line => int.Parse(line.Split(',')[0])));
    }

    [Fact]
    public void The_path_given_is_the_file_unless_it_is_a_folder()
    {
        var startedAt = new DateTimeOffset(2026, 11, 25, 17, 30, 0, TimeSpan.FromHours(3));

        Assert.Equal(UndoPath, UndoFile.PathFor(UndoPath, "/inbox/leads.xlsx", startedAt));
    }

    [Fact]
    public void In_a_folder_the_file_is_named_after_the_input_and_the_utc_start_and_never_takes_a_name_in_use()
    {
        var startedAt = new DateTimeOffset(2026, 11, 25, 17, 30, 0, TimeSpan.FromHours(3));
        var folder = _folder.Path;

        var first = UndoFile.PathFor(folder, "/inbox/leads.xlsx", startedAt);
        Assert.Equal(Path.Combine(folder, "leads.undo-20261125T143000Z.csv"), first);
        File.WriteAllText(first, "");

        // Another input of the same name, started in the same second: a number after the stamp, a folder counting as taken.
        var second = UndoFile.PathFor(folder, "/inbox/leads.csv", startedAt);
        Assert.Equal(Path.Combine(folder, "leads.undo-20261125T143000Z-2.csv"), second);
        Directory.CreateDirectory(second);
        Assert.Equal(Path.Combine(folder, "leads.undo-20261125T143000Z-3.csv"), UndoFile.PathFor(folder, "/inbox/leads.csv", startedAt));
    }

    [Fact]
    public void A_file_is_read_as_an_undo_file_when_its_header_has_undo_of_in_any_case()
    {
        Assert.True(UndoFile.IsUndoFile(["lead_id", "status", "undo_of"]));
        Assert.True(UndoFile.IsUndoFile(["lead_id", "UNDO_OF"]));
        Assert.False(UndoFile.IsUndoFile(["lead_id", "status", "outcome"]));
    }
}
