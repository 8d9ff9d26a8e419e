using ClosedXML.Excel;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Sandbox;

namespace LinerBulkUpdater.Tests.Integration;

/// <summary><c>liner-bulk statuses</c> and the template's Statuses sheet, read from the sandbox over HTTP.</summary>
public sealed class StatusesCommandTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions());

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Statuses_prints_id_code_title_and_category_and_marks_a_shared_title()
    {
        var result = await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "statuses");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var lines = result.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["id", "code", "title", "category"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(SandboxStatuses.All.Count + 1, lines.Length);
        Assert.Equal("3   callback        Перезвонить        in-progress   (title shared: write the id or the code)", lines[3]);
        Assert.Equal("7   spam            Спам               disqualified", lines.Single(line => line.StartsWith("7 ")));
        Assert.Single(_sandbox.StatusListReads);
        Assert.Equal(CliRun.ApiKey, _sandbox.StatusListReads[0].ApiKey);
    }

    [Fact]
    public async Task Statuses_without_a_key_is_one_line_and_exit_2()
    {
        var result = await CliRun.RunAsync(_folder, new Dictionary<string, string?> { ["Liner__BaseUrl"] = _sandbox.BaseUrl.ToString() }, "statuses");

        Assert.Equal(ExitCodes.Unusable, result.ExitCode);
        Assert.StartsWith("liner-bulk: no API key", result.Error);
        Assert.Empty(_sandbox.Received);
    }

    [Fact]
    public async Task The_workbook_template_lists_the_statuses_when_a_key_is_set_and_not_otherwise()
    {
        var with = Path.Combine(_folder.Path, "with.xlsx");
        var without = Path.Combine(_folder.Path, "without.xlsx");

        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(_folder, CliRun.Against(_sandbox.BaseUrl), "template", with)).ExitCode);
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(_folder, new Dictionary<string, string?>(), "template", without)).ExitCode);

        using (var workbook = new XLWorkbook(with))
        {
            var sheet = workbook.Worksheet("Statuses");
            Assert.Equal(["id", "code", "title", "category"], sheet.Row(1).Cells(1, 4).Select(cell => cell.GetString()));
            Assert.Equal(
                SandboxStatuses.All.Select(status => $"{status.Id} {status.Code} {status.Title} {status.Category}"),
                Enumerable.Range(2, SandboxStatuses.All.Count).Select(row => string.Join(' ', sheet.Row(row).Cells(1, 4).Select(cell => cell.GetString()))));
        }

        using (var workbook = new XLWorkbook(without))
        {
            Assert.Equal(["Leads", "Fields"], workbook.Worksheets.Select(sheet => sheet.Name));
        }
    }
}
