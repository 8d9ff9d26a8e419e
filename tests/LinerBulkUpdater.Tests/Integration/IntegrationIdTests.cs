using System.Text;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary>The four integration ids (CONTRACT §8): fields of a run, sent by the v2 update with the custom values after the v1 update.</summary>
public sealed class IntegrationIdTests : IAsyncLifetime
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() =>
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { LatencyMs = 1, Ignores = { ["9"] = ["externalIdMacro"] } });

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Integration_ids_go_in_the_v2_update_beside_the_custom_values_after_the_v1_update()
    {
        var input = _folder.Write("leads.csv",
            "lead_id,status,AmoId,externalidbitrix24,externalIdMacro,externalIdDomoplaner,Тариф\n" +
            "1,3,31877205,B24-7,,#clear,vip\n" +
            "2,,,,\" M-1 \",,\n",
            Utf8);

        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(CliRun.Against(_sandbox.BaseUrl)) { ["Mapping__Columns__AmoId"] = "externalIdAmo" }, "run", input);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        var lead1 = _sandbox.Received.Where(request => request.LeadId == 1).ToList();
        Assert.Equal([SandboxRoute.Update, SandboxRoute.UpdateV2], lead1.Select(request => request.Route));
        Assert.Equal("""{"status":3}""", Encoding.UTF8.GetString(lead1[0].Body));
        Assert.Equal("""{"externalIdBitrix24":"B24-7","externalIdAmo":"31877205","externalIdDomoplaner":"","customValues":{"102":"vip"}}""", Encoding.UTF8.GetString(lead1[1].Body));
        var lead2 = _sandbox.Received.Where(request => request.LeadId == 2).ToList();
        Assert.Equal([SandboxRoute.UpdateV2], lead2.Select(request => request.Route));
        Assert.Equal("""{"externalIdMacro":"M-1"}""", Encoding.UTF8.GetString(lead2[0].Body));

        var lead = _sandbox.CurrentLead(1)!;
        Assert.Equal(("31877205", "B24-7", null), ((string?)lead["externalIdAmo"], (string?)lead["externalIdBitrix24"], (string?)lead["externalIdDomoplaner"]));
        Assert.All(CliRun.ReadReport(ReportOf(input)), row => Assert.Equal("updated", row["outcome"]));
    }

    [Fact]
    public async Task Live_diff_compares_them_verify_checks_them_and_the_undo_file_puts_them_back()
    {
        var before = _sandbox.CurrentLead(3)!;
        var amo = (string?)before["externalIdAmo"];
        var input = _folder.Write("leads.csv",
            $"lead_id,externalIdAmo,externalIdBitrix24,externalIdMacro\n3,AMO-new,{before["externalIdBitrix24"] ?? "#clear"},\n9,,,M-9\n",
            Utf8);
        var undo = Path.Combine(_folder.Path, "leads.undo.csv");

        var result = await RunAsync(input, "--live-diff", "--undo", undo, "--verify");

        Assert.Equal(ExitCodes.SomeRowsFailed, result.ExitCode);
        var rows = CliRun.ReadReport(ReportOf(input)).ToDictionary(row => row["lead_id"]);
        Assert.Equal("updated", rows["3"]["outcome"]);
        Assert.Equal($"externalIdAmo: {amo ?? "(empty)"} → AMO-new", rows["3"]["changes"]);
        // Only the id that differs is sent: the Bitrix24 id Liner already holds is not.
        Assert.Equal("""{"externalIdAmo":"AMO-new"}""", Encoding.UTF8.GetString(_sandbox.Received.Single(request => request.LeadId == 3 && request.Route == SandboxRoute.UpdateV2).Body));
        // Lead 9's Liner does not keep its Macro id: --verify says so.
        Assert.Equal("failed", rows["9"]["outcome"]);
        Assert.StartsWith("Liner accepted the update but did not keep it: externalIdMacro: sent M-9, Liner holds ", rows["9"]["error"]);

        var undoRow = CliRun.ReadReport(undo).Single(row => row["lead_id"] == "3");
        Assert.Equal(amo ?? "#clear", undoRow["externalIdAmo"]);

        var back = await RunAsync(undo, "--verify");

        Assert.Equal(ExitCodes.Success, back.ExitCode);
        Assert.Equal(amo, (string?)_sandbox.CurrentLead(3)!["externalIdAmo"]);
        Assert.EndsWith(amo is null ? """{"externalIdAmo":""}""" : $$"""{"externalIdAmo":"{{amo}}"}""",
            Encoding.UTF8.GetString(_sandbox.Received.Last(request => request.LeadId == 3 && request.Route == SandboxRoute.UpdateV2).Body));
    }

    [Fact]
    public async Task The_template_and_the_sandbox_detail_carry_the_four_ids()
    {
        var path = Path.Combine(_folder.Path, "template.csv");

        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "template", path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains(",instagramLogin,externalIdBitrix24,externalIdAmo,externalIdMacro,externalIdDomoplaner\r\n", File.ReadAllText(path));
    }

    private Task<CliResult> RunAsync(string input, params string[] more) =>
        CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), ["run", input, .. more]);

    private string ReportOf(string input) =>
        Directory.GetFiles(_folder.Path, Path.GetFileNameWithoutExtension(input) + ".report-*").OrderBy(File.GetLastWriteTimeUtc).Last();
}
