using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LinerBulkUpdater.Ui;

/// <summary>
/// The page's requests under <c>/api/</c>, past <see cref="UiGate"/>: upload a file, check it, preview it, send it,
/// watch and stop it, read its rows and download its files, apply its undo file, list earlier runs. Long steps start in
/// the background and answer 202; the page polls the run.
/// </summary>
internal sealed class UiApi(UiWork work)
{
    private const int PageSize = 25;

    public async Task AnswerAsync(HttpContext context, string path)
    {
        var (request, response) = (context.Request, context.Response);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var post = HttpMethods.IsPost(request.Method);
        var get = HttpMethods.IsGet(request.Method);
        switch (parts)
        {
            case ["api", "state"] when get:
                await UiJson.WriteAsync(response, State);
                return;
            case ["api", "runs"] when post:
                await UploadAsync(request, response);
                return;
        }

        if (parts is not ["api", "runs", var id, ..] || work.Find(id) is not { } run)
        {
            await UiJson.ErrorAsync(response, StatusCodes.Status404NotFound, "no such page or run");
            return;
        }

        switch (parts[3..])
        {
            case [] when get:
                await UiJson.WriteAsync(response, json => UiJson.Run(json, run, work.Runs.Files(run.Id)));
                return;
            case ["check"] when post:
                await StartAsync(response, run, RunPhase.Checking, () => work.CheckAsync(run));
                return;
            case ["preview"] when post:
                await StartAsync(response, run, RunPhase.Previewing, () => work.PreviewAsync(run));
                return;
            case ["send"] when post:
                await SendAsync(request, response, run);
                return;
            case ["stop"] when post:
                UiWork.Stop(run);
                await UiJson.WriteAsync(response, json => json.WriteString("phase", run.Phase.PageName()), StatusCodes.Status202Accepted);
                return;
            case ["undo"] when post:
                await UndoAsync(response, run);
                return;
            case ["rows"] when get:
                await RowsAsync(request, response, run);
                return;
            case ["files", var name] when get:
                await DownloadAsync(response, run, name);
                return;
            default:
                await UiJson.ErrorAsync(response, StatusCodes.Status404NotFound, "no such page or run");
                return;
        }
    }

    private void State(Utf8JsonWriter json)
    {
        var settings = work.Settings;
        json.WriteString("baseUrl", settings.Liner.DisplayBaseUrl);
        json.WriteBoolean("keySet", !string.IsNullOrEmpty(settings.Liner.ApiKey));
        json.WriteNumber("rps", settings.Sending.Rps);
        json.WriteNumber("concurrency", settings.Sending.Concurrency);
        json.WriteNumber("maxUploadMegabytes", settings.Ui.MaxUploadMegabytes);
        json.WriteString("runsFolder", work.Runs.Root);
        json.WriteStartArray("runs");
        foreach (var id in work.Runs.Ids().Take(50))
        {
            var (input, kind, of) = work.Runs.Meta(id);
            var run = work.Find(id);
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("input", input);
            json.WriteString("kind", kind);
            json.WriteString("of", of);
            json.WriteString("phase", run?.Phase.PageName());
            UiJson.Files(json, work.Runs.Files(id));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The file itself as the body (a form cannot send that), its name in a header; bounded before anything is written.</summary>
    private async Task UploadAsync(HttpRequest request, HttpResponse response)
    {
        var name = Uri.UnescapeDataString(request.Headers["X-File-Name"].ToString());
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension is not (".csv" or ".xlsx"))
        {
            await UiJson.ErrorAsync(response, StatusCodes.Status415UnsupportedMediaType, "only .csv and .xlsx files: a spreadsheet of leads, or an undo file");
            return;
        }

        var limit = work.Settings.Ui.MaxUploadBytes;
        if (request.ContentLength is not { } length)
        {
            await UiJson.ErrorAsync(response, StatusCodes.Status411LengthRequired, "the upload must say its length");
            return;
        }

        if (length > limit)
        {
            await UiJson.ErrorAsync(response, StatusCodes.Status413PayloadTooLarge, $"the file is larger than {work.Settings.Ui.MaxUploadMegabytes} MB (setting Ui:MaxUploadMegabytes)");
            return;
        }

        var run = work.Add(name);
        await using (var file = new FileStream(run.InputPath, FileMode.CreateNew, FileAccess.Write))
        {
            await request.Body.CopyToAsync(file);
        }

        await StartAsync(response, run, RunPhase.Checking, () => work.CheckAsync(run));
    }

    private static async Task StartAsync(HttpResponse response, UiRun run, RunPhase phase, Func<Task> step)
    {
        if (!run.TryStart(phase))
        {
            await UiJson.ErrorAsync(response, StatusCodes.Status409Conflict, "this run is busy");
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await step();
            }
            catch (Exception exception)
            {
                // The top of a background step, as LinerCli is of a command: the page says it, the server goes on.
                run.Failed($"the step failed: {exception.Message.ReplaceLineEndings(" ")}");
            }
        });
        await UiJson.WriteAsync(response, json => json.WriteString("id", run.Id), StatusCodes.Status202Accepted);
    }

    private async Task SendAsync(HttpRequest request, HttpResponse response, UiRun run)
    {
        SendChoices choices;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var root = body.RootElement;
            choices = new SendChoices(
                root.GetProperty("rps").GetInt32(), root.GetProperty("concurrency").GetInt32(),
                root.GetProperty("undo").GetBoolean(), root.GetProperty("verify").GetBoolean(), root.GetProperty("liveDiff").GetBoolean());
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            await UiJson.ErrorAsync(response, StatusCodes.Status400BadRequest, "the send's choices: rps, concurrency, undo, verify, liveDiff");
            return;
        }

        if (!work.StartSend(run, choices))
        {
            await UiJson.ErrorAsync(response, StatusCodes.Status409Conflict, "this run is busy, or another send is going: wait for it, or stop it");
            return;
        }

        await UiJson.WriteAsync(response, json => json.WriteString("id", run.Id), StatusCodes.Status202Accepted);
    }

    private async Task UndoAsync(HttpResponse response, UiRun run)
    {
        if (run.Phase != RunPhase.Done)
        {
            await UiJson.ErrorAsync(response, StatusCodes.Status409Conflict, "the run has not ended: its undo file is not complete yet");
            return;
        }

        if (work.UndoOf(run) is not { } applying)
        {
            await UiJson.ErrorAsync(response, StatusCodes.Status404NotFound, "this run wrote no undo file");
            return;
        }

        await StartAsync(response, applying, RunPhase.Checking, () => work.CheckAsync(applying));
    }

    /// <summary>A page of the preview's rows (or of the send's report, <c>?of=report</c>).</summary>
    private async Task RowsAsync(HttpRequest request, HttpResponse response, UiRun run)
    {
        var page = int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var wanted = request.Query["of"] == "report" ? "report" : "preview";
        var file = work.Runs.Files(run.Id).Where(name => UiJson.KindOf(name) == wanted && name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).LastOrDefault();
        if (file is null)
        {
            await UiJson.ErrorAsync(response, StatusCodes.Status404NotFound, $"no {wanted} yet");
            return;
        }

        var (rows, total) = PreviewFacts.Page(Path.Combine(run.Folder, file), work.Settings, page, PageSize);
        await UiJson.WriteAsync(response, json =>
        {
            json.WriteNumber("page", page);
            json.WriteNumber("pageSize", PageSize);
            json.WriteNumber("total", total);
            UiJson.Rows(json, "rows", rows);
        });
    }

    private async Task DownloadAsync(HttpResponse response, UiRun run, string name)
    {
        if (work.Runs.FileOf(run.Id, Uri.UnescapeDataString(name)) is not { } path)
        {
            await UiJson.ErrorAsync(response, StatusCodes.Status404NotFound, "no such file in this run");
            return;
        }

        var fileName = Path.GetFileName(path);
        response.ContentType = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "application/json" : "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{new string([.. fileName.Select(c => c < 128 && c != '"' ? c : '_')])}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await file.CopyToAsync(response.Body);
    }
}
