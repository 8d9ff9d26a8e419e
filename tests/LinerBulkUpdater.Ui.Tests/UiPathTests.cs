using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LinerBulkUpdater.Ui.Tests;

/// <summary>A person's whole path through the page, in a real browser, against the sandbox.</summary>
[Collection(UiCollection.Name)]
public sealed class UiPathTests(UiHost ui)
{
    static UiPathTests() => SetDefaultExpectTimeout(60_000);

    private static string Sample => Path.Combine(AppContext.BaseDirectory, "TestData", "leads.csv");

    [Fact]
    public async Task Upload_check_preview_send_download_and_undo_in_the_browser()
    {
        var page = await ui.OpenAsync();
        Assert.Equal($"{ui.Origin}", page.Url);

        await page.Locator("#file").SetInputFilesAsync(Sample);
        await Expect(page.Locator("#check-lines")).ToContainTextAsync("utf-8, delimiter ',', 50 data rows");
        await Expect(page.Locator("#check-lines")).ToContainTextAsync("accepted (health check)");
        await Expect(page.Locator("#preview")).ToBeEnabledAsync();
        await UiHost.ScreenshotAsync(page, "1-check", "#step-check");

        await page.Locator("#preview").ClickAsync();
        await Expect(page.Locator("#preview-facts")).ToBeVisibleAsync();
        await Expect(page.Locator("#preview-outcomes")).ToContainTextAsync("dry_run: 42");
        await Expect(page.Locator("#preview-outcomes")).ToContainTextAsync("invalid: 7");
        await Expect(page.Locator("#preview-fields")).ToContainTextAsync("client_name");
        await Expect(page.Locator("#preview-statuses")).ToContainTextAsync(" → ");
        await Expect(page.Locator("#preview-problems tbody tr")).ToHaveCountAsync(7);
        await Expect(page.Locator("#preview-problems")).ToContainTextAsync("'8 (900) 12' is not a phone number");
        await Expect(page.Locator("#preview-rows tbody tr")).ToHaveCountAsync(25);
        await Expect(page.Locator("#page-text")).ToHaveTextAsync("rows 1–25 of 50");
        await page.Locator("#page-next").ClickAsync();
        await Expect(page.Locator("#page-text")).ToHaveTextAsync("rows 26–50 of 50");
        await Expect(page.Locator("#page-next")).ToBeDisabledAsync();
        await page.Locator("#page-prev").ClickAsync();
        await UiHost.ScreenshotAsync(page, "2-preview", "#step-preview");

        // Slow enough to watch: 42 reads, 42 updates and 42 read-backs at 15 a second.
        await page.Locator("#rps").FillAsync("15");
        await page.Locator("#verify").CheckAsync();
        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator("#step-progress")).ToBeVisibleAsync();
        await Expect(page.Locator("#progress-text")).ToContainTextAsync(new Regex(@"[1-9]\d* of 50 rows"));
        await UiHost.ScreenshotAsync(page, "3-progress", "#step-progress");
        await Expect(page.Locator("#step-results")).ToBeVisibleAsync();
        await Expect(page.Locator("#results-text")).ToContainTextAsync("exit 1: Finished");
        await Expect(page.Locator("#results-outcomes")).ToContainTextAsync("updated: 42");
        await UiHost.ScreenshotAsync(page, "4-results", "#step-results");

        var report = await DownloadAsync(page, "#results-files a[data-kind=report]");
        Assert.StartsWith("source_row,outcome,http_status,attempts,error,changes,", report.TrimStart('\uFEFF'));
        Assert.Equal(42, Regex.Matches(report, @"^\d+,updated,", RegexOptions.Multiline).Count);
        Assert.Equal(7, Regex.Matches(report, @"^\d+,invalid,", RegexOptions.Multiline).Count);
        var undo = await DownloadAsync(page, "#results-files a[data-kind=undo]");
        Assert.Contains("lead_id", undo.Split('\n')[0]);

        await page.Locator("#undo-run").ClickAsync();
        await Expect(page.Locator("#run-title")).ToContainTextAsync("Applying the undo file of run");
        await Expect(page.Locator("#preview")).ToBeEnabledAsync();
        await page.Locator("#preview").ClickAsync();
        await Expect(page.Locator("#preview-facts")).ToBeVisibleAsync();
        await Expect(page.Locator("#preview-title")).ToContainTextAsync("Applying the undo file of run");
        await Expect(page.Locator("#preview-outcomes")).ToContainTextAsync("42");
        await UiHost.ScreenshotAsync(page, "5-undo-preview", "#step-preview");

        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator("#results-text")).ToContainTextAsync("exit 0: Done");
        await Expect(page.Locator("#results-outcomes")).ToContainTextAsync("updated: 42");

        // Both runs are listed, each with its files, newest first.
        await Expect(page.Locator("#runs-table tbody tr").First).ToContainTextAsync("leads.undo-");
        await Expect(page.Locator("#runs-table tbody tr")).ToHaveCountAsync(Directory.GetDirectories(ui.RunsFolder).Length);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Stop_stops_the_send_as_Ctrl_C_does_and_every_row_is_reported()
    {
        var leads = new StringBuilder("lead_id,status\n");
        for (var lead = 1; lead <= 300; lead++)
        {
            leads.Append(lead).Append(",3\n");
        }

        var page = await ui.OpenAsync();
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "many.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(leads.ToString()) });
        await Expect(page.Locator("#preview")).ToBeEnabledAsync();
        await page.Locator("#preview").ClickAsync();
        await Expect(page.Locator("#send")).ToBeEnabledAsync();
        await page.Locator("#rps").FillAsync("20");
        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator("#progress-text")).ToContainTextAsync(new Regex(@"[1-9]\d* of 300 rows"));
        await page.Locator("#stop").ClickAsync();

        await Expect(page.Locator("#results-text")).ToContainTextAsync("exit 3: Stopped part-way");
        await Expect(page.Locator("#results-text")).ToContainTextAsync("stopped from the page");
        await Expect(page.Locator("#results-outcomes")).ToContainTextAsync("not_sent: ");
        var report = await DownloadAsync(page, "#results-files a[data-kind=report]");
        Assert.Equal(301, report.Trim().Split('\n').Length);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_page_follows_the_browsers_language_and_switches()
    {
        var page = await ui.OpenAsync("ru-RU");
        var shown = new LocatorAssertionsToHaveTextOptions { UseInnerText = true };
        await Expect(page.Locator("#h-file")).ToHaveTextAsync("1. Файл", shown);
        await Expect(page.Locator("#h-runs")).ToHaveTextAsync("Прошлые запуски");

        await page.Locator("#lang").SelectOptionAsync("en");
        await Expect(page.Locator("#h-file")).ToHaveTextAsync("1. File", shown);
        await Expect(page.Locator("#h-runs")).ToHaveTextAsync("Earlier runs");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_first_step_is_in_the_served_html_and_works_without_any_script()
    {
        var context = await ui.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(ui.Address);

        await Expect(page.Locator("input[type=file]#file")).ToBeEnabledAsync();
        await Expect(page.Locator("label[for=file]")).ToContainTextAsync("A sheet of leads (CSV or XLSX)");
        await page.Locator("#file").SetInputFilesAsync(Sample);
        await Expect(page.Locator("#file")).ToHaveValueAsync(new Regex(@"leads\.csv$"));
        await context.CloseAsync();
    }

    private static async Task<string> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(link).ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
