using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>
/// An undo file applied as the console advises, end to end against the sandbox (CONTRACT §6 "Guarded undo", "Exact values",
/// §2): a file a full disk cut short puts back every whole row and never part of one; it means the same under another
/// clear marker; Liner's untrimmed text comes back byte for byte, or the row fails unsent.
/// </summary>
public sealed class UndoExactTests : IAsyncLifetime
{
    private static readonly UTF8Encoding Utf8 = new(false);

    // What Liner holds before the run (the sandbox's state file): text with spaces at its ends, a quiz log over several
    // lines with quotes and a final line break, Cyrillic names (2-byte letters), and empty fields.
    private const string Seed = """
        {"version": 1, "leads": {
          "1": {"updatedAt": "2025-06-02T10:00:00Z", "fields": {"client_name": "  padded  ", "quiz_log": null}},
          "4": {"updatedAt": "2025-06-02T10:00:00Z", "fields": {"priority": null}},
          "2": {"updatedAt": "2025-06-02T10:00:00Z", "fields": {"quiz_log": "анкета:\n\"да\", конечно\n"}},
          "3": {"updatedAt": "2025-06-02T10:00:00Z", "fields": {"client_name": "Ёжик Иголкин", "quiz_log": "x"}},
          "5": {"updatedAt": "2025-06-02T10:00:00Z", "fields": {"client_phone": " 79001234567 "}},
          "6": {"updatedAt": "2025-06-02T10:00:00Z", "fields": {"telegramUserName": "@ivan_petrov", "instagramLogin": "@ivan.p"}}
        }}
        """;

    // One row a lead, in the order the undo file gets them (one worker): lead 3's row, with its Ё, is the file's last.
    private const string Change = "lead_id,client_name,quiz_log,priority\n1,Новое имя,новый лог,\n4,,,5\n2,,короче,\n3,Другое,~,\n";

    private static readonly long[] Leads = [1, 4, 2, 3];

    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;
    private Dictionary<long, Dictionary<string, object?>> _originals = null!;

    public async Task InitializeAsync()
    {
        var state = _folder.Write("liner.json", Seed, Utf8);
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { StateFile = state });
        _originals = Leads.ToDictionary(lead => lead, Held);
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    private Dictionary<string, object?> Held(long lead) => _sandbox.CurrentLead(lead)!.ToDictionary();

    [Fact]
    public async Task An_undo_file_cut_short_anywhere_puts_back_every_whole_row_and_never_part_of_one()
    {
        Assert.Equal("  padded  ", _originals[1]["client_name"]);
        var input = _folder.Write("change.csv", Change, Utf8);
        var undo = Path.Combine(_folder.Path, "change.undo.csv");
        // The run's clear marker is ~ (lead 3's quiz_log is cleared by it); the undo file's empties are its own.
        Assert.Equal(ExitCodes.Success, (await RunAsync(input, ["--undo", undo], clearMarker: "~")).ExitCode);
        var changed = Leads.ToDictionary(lead => lead, Held);
        Assert.All(Leads, lead => Assert.NotEqual(_originals[lead], changed[lead]));
        var bytes = File.ReadAllBytes(undo);
        Assert.Contains("\r\n2,,\"анкета:\n\"\"да\"\", конечно\n\",,,короче,,change.csv row 3,3\r\n", Encoding.UTF8.GetString(bytes));
        // Rows go to the undo file as their updates go, not always in input order: each lead's row ends where its undo_format does.
        var rowEnds = Leads.Select((lead, index) => (Lead: lead, End: Offset(bytes, $"change.csv row {index + 1},3") + $"change.csv row {index + 1},3".Length)).ToList();
        var firstRow = Offset(bytes, "undo_format\r\n") + "undo_format\r\n".Length;

        (string Where, int Cut, long Torn)[] cuts =
        [
            ("inside the 2-byte Ё of lead 3's row", Offset(bytes, "3,Ё") + 3, 3),
            ("inside lead 2's quoted quiz log, after its first line break", Offset(bytes, "анкета:\n") + Encoding.UTF8.GetByteCount("анкета:\n") + 2, 2),
            ("after lead 3's undo_of, before its undo_format", Offset(bytes, "change.csv row 4,") + "change.csv row 4,".Length, 3),
            ("inside the first row", firstRow + 3, rowEnds.MinBy(row => row.End).Lead),
            ("after the last row's undo_format, before its line break", bytes.Length - 2, 0),
        ];
        foreach (var (where, cut, torn) in cuts)
        {
            Assert.Equal(ExitCodes.Success, (await RunAsync(input, [], clearMarker: "~")).ExitCode);
            var file = _folder.Write($"cut-{cut}.undo.csv", bytes[..cut]);
            var restored = rowEnds.Where(row => row.End <= cut).Select(row => row.Lead).ToHashSet();
            Assert.DoesNotContain(torn, restored);

            // Under yet another clear marker: the file says what its empties are.
            var back = await RunAsync(file, [], clearMarker: "-");

            Assert.True(back.ExitCode == ExitCodes.Success, $"{where}: exit {back.ExitCode}: {back.Error}");
            Assert.All(Leads, lead => Assert.Equal(restored.Contains(lead) ? _originals[lead] : changed[lead], Held(lead)));
            var saidCut = back.Out.Split("was cut short").Length - 1;
            Assert.True(saidCut == (torn > 0 ? 1 : 0), $"{where}: {back.Out}");
        }

        var check = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "check", _folder.Write("checked.undo.csv", bytes[..cuts[0].Cut]));
        Assert.Equal(ExitCodes.Success, check.ExitCode);
        Assert.Matches(@"input +\S+checked\.undo\.csv: utf-8, delimiter ',', \d data rows; line \d+, the last row, was cut short where the undo file was written and is not applied", check.Out);
    }

    [Fact]
    public async Task Applied_whole_under_another_clear_marker_the_undo_file_restores_empties_as_empty_and_text_byte_for_byte()
    {
        var input = _folder.Write("change.csv", Change, Utf8);
        var undo = Path.Combine(_folder.Path, "change.undo.csv");
        Assert.Equal(ExitCodes.Success, (await RunAsync(input, ["--undo", undo], clearMarker: "~")).ExitCode);

        var back = await RunAsync(undo, ["--verify"], clearMarker: "-");

        Assert.Equal(ExitCodes.Success, back.ExitCode);
        Assert.All(Leads, lead => Assert.Equal(_originals[lead], Held(lead)));
        Assert.Null(Held(1)["quiz_log"]);
        Assert.Null(Held(4)["priority"]);
        Assert.Equal("анкета:\n\"да\", конечно\n", Held(2)["quiz_log"]);
    }

    [Fact]
    public async Task Text_liner_holds_untrimmed_comes_back_byte_for_byte_or_its_row_fails_unsent_and_a_live_diff_never_changes_only_spaces()
    {
        var same = _folder.Write("same.csv", "lead_id,client_name\n1,padded\n", Utf8);
        var sameReport = Path.Combine(_folder.Path, "same.report.csv");

        var diff = await RunAsync(same, ["--live-diff", "--report", sameReport]);

        Assert.True(diff.ExitCode == ExitCodes.Success, diff.Error);
        Assert.Equal("unchanged", Assert.Single(CliRun.ReadReport(sameReport))["outcome"]);
        Assert.Empty(_sandbox.Updates);

        // Lead 5's phone has spaces around it, which the undo file would not give back: that row is not sent.
        var input = _folder.Write("change.csv", "lead_id,client_name,client_phone\n1,Новое имя,\n5,,+7 900 000-00-01\n", Utf8);
        var undo = Path.Combine(_folder.Path, "change.undo.csv");
        var report = Path.Combine(_folder.Path, "change.report.csv");

        var run = await RunAsync(input, ["--undo", undo, "--report", report]);

        Assert.Equal(ExitCodes.SomeRowsFailed, run.ExitCode);
        var rows = CliRun.ReadReport(report).ToDictionary(row => row["lead_id"]);
        Assert.Equal(
            ("failed", "Liner holds ' 79001234567 ' in client_phone, which an undo file could not put back (it would read back as '79001234567'); not sent"),
            (rows["5"]["outcome"], rows["5"]["error"]));
        Assert.Equal([1L], _sandbox.Updates.Select(update => update.LeadId!.Value));
        Assert.Equal("  padded  ", Assert.Single(CliRun.ReadReport(undo))["client_name"]);

        Assert.Equal(ExitCodes.Success, (await RunAsync(undo, [])).ExitCode);
        Assert.Equal("  padded  ", Held(1)["client_name"]);
        Assert.Equal(" 79001234567 ", Held(5)["client_phone"]);
    }

    [Fact]
    public async Task An_undo_file_written_before_undo_format_is_refused_unguarded_and_applies_with_restore_all_and_the_clear_marker_of_the_run_that_wrote_it()
    {
        var input = _folder.Write("change.csv", Change, Utf8);
        Assert.Equal(ExitCodes.Success, (await RunAsync(input, [], clearMarker: "~")).ExitCode);
        var old = _folder.Write("old.undo.csv", "lead_id,client_name,quiz_log,priority,undo_of\r\n1,  padded  ,-,,change.csv row 1\r\n4,,,-,change.csv row 2\r\n", Utf8, byteOrderMark: true);
        var updates = _sandbox.Updates.Count;

        // It does not say what its run set, so it cannot tell a field changed since: only the user can say to put it back regardless.
        var refused = await RunAsync(old, [], clearMarker: "-");

        Assert.Equal(ExitCodes.Unusable, refused.ExitCode);
        Assert.Contains("old.undo.csv is an undo file written before undo files recorded what the run set (it has no set: columns), so applying it cannot tell a field the run set from one changed since; add --restore-all", refused.Error);
        Assert.Equal(updates, _sandbox.Updates.Count);

        var back = await RunAsync(old, ["--restore-all"], clearMarker: "-");

        Assert.Equal(ExitCodes.Success, back.ExitCode);
        // As it was read then: trimmed (it never held spaces at a value's ends), its empties in the settings' marker.
        Assert.Equal(new Dictionary<string, object?>(_originals[1]) { ["client_name"] = "padded" }, Held(1));
        Assert.Equal(_originals[4], Held(4));
    }

    [Fact]
    public async Task A_handle_liner_holds_with_its_at_is_one_name_with_the_rows_and_comes_back_with_its_at()
    {
        // The same names as a person writes them, with and without the "@": nothing to send.
        var same = _folder.Write("same.csv", "lead_id,telegramUserName,instagramLogin\n6,ivan_petrov,@ivan.p\n", Utf8);
        var sameReport = Path.Combine(_folder.Path, "same.report.csv");
        Assert.Equal(ExitCodes.Success, (await RunAsync(same, ["--live-diff", "--report", sameReport])).ExitCode);
        Assert.Equal("unchanged", Assert.Single(CliRun.ReadReport(sameReport))["outcome"]);

        var input = _folder.Write("change.csv", "lead_id,telegramUserName,instagramLogin\n6,@petrov,petrov.i\n", Utf8);
        var undo = Path.Combine(_folder.Path, "change.undo.csv");
        Assert.Equal(ExitCodes.Success, (await RunAsync(input, ["--undo", undo])).ExitCode);
        Assert.Equal(("petrov", "petrov.i"), (Held(6)["telegramUserName"], Held(6)["instagramLogin"]));

        var back = await RunAsync(undo, ["--verify"]);

        Assert.Equal(ExitCodes.Success, back.ExitCode);
        Assert.Equal(("@ivan_petrov", "@ivan.p"), (Held(6)["telegramUserName"], Held(6)["instagramLogin"]));
    }

    private static int Offset(byte[] bytes, string text)
    {
        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text));
        Assert.True(at > 0, $"'{text}' is in the file");
        return at;
    }

    private Task<CliResult> RunAsync(string input, string[] options, string? clearMarker = null)
    {
        var environment = CliRun.Against(_sandbox.BaseUrl);
        if (clearMarker is not null)
        {
            environment["Input__ClearMarker"] = clearMarker;
        }

        var report = options.Contains("--report") ? [] : new[] { "--report", Path.Combine(_folder.Path, $"{Path.GetFileName(input)}.{Guid.NewGuid():N}.report.csv") };
        return CliRun.RunAsync(_folder, environment, ["run", input, "--rps", "0", "--concurrency", "1", .. report, .. options]);
    }
}
