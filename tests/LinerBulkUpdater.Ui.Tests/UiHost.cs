using System.Text.RegularExpressions;
using LinerBulkUpdater.Cli;
using Microsoft.Playwright;

namespace LinerBulkUpdater.Ui.Tests;

/// <summary>
/// <c>liner-bulk ui --no-browser --sandbox</c>, in-process exactly as Program.cs runs it (its own streams, environment and
/// program folder), and one headless Chromium: Debian's, never one Playwright would download.
/// </summary>
public sealed partial class UiHost : IAsyncLifetime
{
    /// <summary>Where the browser is: Debian's chromium package (tests/run installs it when missing).</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Set to 1 to refresh the reference's screenshots in docs/ui/ (tests/run --screenshots).</summary>
    public const string ScreenshotsVariable = "LINER_UI_SCREENSHOTS";

    /// <summary>The upload limit the page is started with: 1 MB, so a test can pass it cheaply.</summary>
    public const int MaxUploadMegabytes = 1;

    private readonly Interrupts _interrupts = new();
    private readonly StringWriter _out = new();
    private Task<int> _served = null!;
    private IPlaywright _playwright = null!;

    public string Folder { get; } = Directory.CreateTempSubdirectory("liner-ui-").FullName;

    public string RunsFolder => Path.Combine(Folder, "runs");

    /// <summary>The address the command printed, token and all.</summary>
    public string Address { get; private set; } = "";

    public Uri Origin => new(new Uri(Address).GetLeftPart(UriPartial.Authority));

    public string Token => Address[(Address.IndexOf("token=", StringComparison.Ordinal) + 6)..];

    public IBrowser Browser { get; private set; } = null!;

    public string Printed => _out.ToString();

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string?>
        {
            ["Ui__RunsFolder"] = RunsFolder,
            ["Ui__MaxUploadMegabytes"] = MaxUploadMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Log__Directory"] = Path.Combine(Folder, "logs"),
            ["Sending__Rps"] = "100",
        };
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "appsettings.json"), Path.Combine(Folder, "appsettings.json"));
        var host = new CliHost(TextWriter.Synchronized(_out), TextWriter.Synchronized(new StringWriter()), environment, Folder, _interrupts);
        _served = Task.Run(() => LinerCli.RunAsync(["ui", "--no-browser", "--sandbox"], host));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (PrintedAddress().Match(Printed) is not { Success: true } printed)
        {
            Assert.False(_served.IsCompleted, $"liner-bulk ui ended: {Printed}");
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "liner-bulk ui printed no address within 30 s");
            await Task.Delay(50);
        }

        Address = PrintedAddress().Match(Printed).Value.Trim();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // As root (CI), Chromium's own sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        _interrupts.Press();
        Assert.Equal(ExitCodes.Success, await _served.WaitAsync(TimeSpan.FromSeconds(60)));
        _interrupts.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>A fresh browser context (its own cookies) with the page opened at the printed address.</summary>
    public async Task<IPage> OpenAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Address);
        return page;
    }

    /// <summary>
    /// Saves what a laptop screen shows of the page, scrolled to <paramref name="section"/>, as docs/ui/NAME.png; only when
    /// <see cref="ScreenshotsVariable"/> asks for it, so a test run never rewrites the reference's pictures.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name, string section)
    {
        if (Environment.GetEnvironmentVariable(ScreenshotsVariable) != "1")
        {
            return;
        }

        var folder = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "docs", "ui")).FullName;
        await page.Locator(section).EvaluateAsync("element => element.scrollIntoView({ block: 'start' })");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LinerBulkUpdater.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("the repository's root (LinerBulkUpdater.sln) is not above the tests");
    }

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{64}\s*$", RegexOptions.Multiline)]
    private static partial Regex PrintedAddress();
}
