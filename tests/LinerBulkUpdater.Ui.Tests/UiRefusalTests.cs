using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LinerBulkUpdater.Ui.Tests;

/// <summary>What the page refuses (CONTRACT §9): no token, a foreign Host, a cross-site post, an oversized upload.</summary>
[Collection(UiCollection.Name)]
public sealed class UiRefusalTests(UiHost ui)
{
    static UiRefusalTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task Without_the_token_or_its_cookie_every_request_is_refused()
    {
        using var http = new HttpClient();

        foreach (var path in new[] { "/", "/app.js", "/api/state", "/?token=0123" })
        {
            using var answer = await http.GetAsync(new Uri(ui.Origin, path));
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        using var upload = await http.PostAsync(new Uri(ui.Origin, "/api/runs"), new ByteArrayContent([1, 2, 3]));
        Assert.Equal(HttpStatusCode.Unauthorized, upload.StatusCode);
    }

    [Fact]
    public async Task With_the_token_the_address_sets_a_strict_cookie_and_leaves_the_address_bar()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        using var answer = await http.GetAsync(ui.Address);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location?.OriginalString);
        var cookie = Assert.Single(answer.Headers.GetValues("Set-Cookie"));
        Assert.Equal($"liner_ui_{ui.Origin.Port}={ui.Token}; path=/; samesite=strict; httponly", cookie);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:1")]
    public async Task A_request_naming_another_host_is_refused_token_or_not(string host)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, ui.Address);
        request.Headers.Host = host.Contains(':', StringComparison.Ordinal) ? host : $"{host}:{ui.Origin.Port}";

        using var answer = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
    }

    [Fact]
    public async Task A_cross_site_form_post_is_refused_and_makes_no_run()
    {
        var runs = Runs();
        var page = await ui.OpenAsync();
        await Expect(page.Locator("#h-runs")).ToHaveTextAsync("Earlier runs");

        // Another site's page, in the same browser that holds the cookie, posting a file to the page's upload.
        var other = await page.Context.NewPageAsync();
        await other.SetContentAsync($"""
            <form id="f" method="post" action="{ui.Origin}api/runs" enctype="multipart/form-data">
              <input type="hidden" name="X-Liner-Token" value="guess"><input type="file" name="file">
            </form>
            """);
        var answer = await other.RunAndWaitForResponseAsync(
            () => other.EvaluateAsync("document.getElementById('f').submit()"), response => response.Url.EndsWith("/api/runs", StringComparison.Ordinal));

        Assert.Contains(answer.Status, new[] { 401, 403 });
        Assert.Equal(runs, Runs());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_post_with_the_cookie_but_not_the_header_or_as_a_form_is_refused()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        var runs = Runs();

        using var noHeader = new HttpRequestMessage(HttpMethod.Post, new Uri(ui.Origin, "/api/runs")) { Content = new ByteArrayContent("lead_id,status\n1,2\n"u8.ToArray()) };
        noHeader.Headers.Add("Cookie", $"liner_ui_{ui.Origin.Port}={ui.Token}");
        noHeader.Headers.Add("X-File-Name", "a.csv");
        using var refused = await http.SendAsync(noHeader);

        using var form = new HttpRequestMessage(HttpMethod.Post, new Uri(ui.Origin, "/api/runs"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["file"] = "lead_id,status\n1,2\n" }),
        };
        form.Headers.Add("Cookie", $"liner_ui_{ui.Origin.Port}={ui.Token}");
        form.Headers.Add("X-Liner-Token", ui.Token);
        form.Headers.Add("X-File-Name", "a.csv");
        using var formRefused = await http.SendAsync(form);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (refused.StatusCode, formRefused.StatusCode));
        Assert.Equal(runs, Runs());
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_before_anything_is_written()
    {
        var runs = Runs();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ui.Origin, "/api/runs"))
        {
            Content = new ByteArrayContent(new byte[(UiHost.MaxUploadMegabytes * 1024 * 1024) + 1]) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        };
        request.Headers.Add("Cookie", $"liner_ui_{ui.Origin.Port}={ui.Token}");
        request.Headers.Add("X-Liner-Token", ui.Token);
        request.Headers.Add("X-File-Name", "big.csv");

        using var answer = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Equal("""{"error":"the file is larger than 1 MB (setting Ui:MaxUploadMegabytes)"}""", await answer.Content.ReadAsStringAsync());
        Assert.Equal(runs, Runs());

        // The page says so too, without sending it.
        var page = await ui.OpenAsync();
        await Expect(page.Locator("#h-runs")).ToHaveTextAsync("Earlier runs");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "big.csv", MimeType = "text/csv", Buffer = new byte[(UiHost.MaxUploadMegabytes * 1024 * 1024) + 1] });
        await Expect(page.Locator("#notice")).ToHaveTextAsync("The file is larger than 1 MB.");
        Assert.Equal(runs, Runs());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_file_outside_the_run_or_of_another_kind_is_neither_served_nor_taken()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var traversal = new HttpRequestMessage(HttpMethod.Get, new Uri(ui.Origin, "/api/runs/..%2F..%2Fetc/files/passwd"));
        traversal.Headers.Add("Cookie", $"liner_ui_{ui.Origin.Port}={ui.Token}");
        using var upload = new HttpRequestMessage(HttpMethod.Post, new Uri(ui.Origin, "/api/runs"))
        {
            Content = new ByteArrayContent("#!/bin/sh\n"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        };
        upload.Headers.Add("Cookie", $"liner_ui_{ui.Origin.Port}={ui.Token}");
        upload.Headers.Add("X-Liner-Token", ui.Token);
        upload.Headers.Add("X-File-Name", "..%2Frun.sh");
        var runs = Runs();

        using var served = await http.SendAsync(traversal);
        using var taken = await http.SendAsync(upload);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.UnsupportedMediaType), (served.StatusCode, taken.StatusCode));
        Assert.Equal(runs, Runs());
    }

    private int Runs() => Directory.Exists(ui.RunsFolder) ? Directory.GetDirectories(ui.RunsFolder).Length : 0;
}
