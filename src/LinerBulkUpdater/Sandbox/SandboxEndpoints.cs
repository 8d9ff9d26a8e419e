using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// The routes of the stand-in. Every request, whatever its route, goes through
/// <see cref="AnswerAsync"/>: read the body, wait the latency, let <see cref="LinerApi"/> decide,
/// record, and only then write, so a client that has its answer always finds its request recorded.
/// </summary>
internal sealed class SandboxEndpoints
{
    // nginx's 499: the client closed the connection before it was answered (e.g. its timeout fired).
    private const int ClientClosedRequest = 499;

    private readonly LinerApi _api;
    private readonly RequestRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly TimeSpan _latency;
    private readonly Task _stopping;

    public SandboxEndpoints(SandboxOptions options, LinerApi api, RequestRecorder recorder, TimeProvider time,
        CancellationToken stopping)
    {
        _api = api;
        _recorder = recorder;
        _time = time;
        _latency = TimeSpan.FromMilliseconds(options.LatencyMs);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stopping.Register(() => stopped.TrySetResult());
        _stopping = stopped.Task;
    }

    public void MapTo(IEndpointRouteBuilder routes)
    {
        // Routing matches these with or without a trailing slash: the document's path has one,
        // its own curl/PHP/JS examples do not, so a client may send either.
        routes.Map("/v1/health/check", context => AnswerAsync(context, isUpdateRoute: false,
            (request, _) => _api.Health(request)));
        routes.Map("/v1/lead/update/{lead_id}", context => AnswerAsync(context, isUpdateRoute: true, _api.Update));
        routes.MapFallback("{*path}", context => AnswerAsync(context, isUpdateRoute: false,
            static (_, _) => LinerApi.NotFound()));
    }

    private async Task AnswerAsync(HttpContext context, bool isUpdateRoute, Func<HttpRequest, byte[], SandboxAnswer> decide)
    {
        var arrivedAt = _time.GetUtcNow();
        var sequence = _recorder.NextSequence();
        var aborted = context.RequestAborted;
        byte[] body = [];
        SandboxAnswer answer;
        try
        {
            var read = await RequestBody.ReadAsync(context.Request, aborted);
            body = read ?? [];
            answer = read is null
                ? SandboxAnswer.Refused(StatusCodes.Status413PayloadTooLarge, $"request body is larger than {RequestBody.MaxBytes} bytes")
                : await WaitLatencyAsync(aborted)
                    ? decide(context.Request, read)
                    : SandboxAnswer.Refused(StatusCodes.Status503ServiceUnavailable, "the sandbox is stopping");
        }
        catch (BadHttpRequestException exception)
        {
            answer = SandboxAnswer.Refused(exception.StatusCode, exception.Message);
        }
        catch (Exception exception) when (aborted.IsCancellationRequested && exception is OperationCanceledException or IOException)
        {
            Record(context.Request, sequence, arrivedAt, isUpdateRoute, body, ClientClosedRequest);
            return;
        }
        catch (Exception exception)
        {
            // Logging is off, so the envelope is the only place a fault of the stand-in can show.
            answer = SandboxAnswer.Refused(StatusCodes.Status500InternalServerError, $"sandbox fault: {exception.Message}");
        }

        Record(context.Request, sequence, arrivedAt, isUpdateRoute, body, answer.Status);
        await answer.WriteAsync(context.Response, aborted);
    }

    /// <summary>False if the sandbox began to stop meanwhile: shutdown must not wait out a long latency.</summary>
    private async Task<bool> WaitLatencyAsync(CancellationToken aborted)
    {
        if (_latency <= TimeSpan.Zero)
        {
            return true;
        }

        await Task.WhenAny(Task.Delay(_latency, _time, aborted), _stopping);
        aborted.ThrowIfCancellationRequested();
        return !_stopping.IsCompleted;
    }

    private void Record(HttpRequest request, long sequence, DateTimeOffset arrivedAt, bool isUpdateRoute, byte[] body, int status)
    {
        var received = new ReceivedRequest(
            arrivedAt,
            request.Method,
            request.Path.Value ?? "",
            isUpdateRoute ? LinerApi.LeadIdOf(request) : null,
            request.Headers.TryGetValue(LinerApi.ApiKeyHeader, out var key) ? key.ToString() : null,
            request.ContentType,
            body,
            status);
        _recorder.Record(sequence, isUpdateRoute && HttpMethods.IsPost(request.Method), received);
    }
}
