using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// The routes of the stand-in. Every request, whatever its route, goes through
/// <see cref="AnswerAsync"/>: read the body, let the route decide (waiting its latency, or a fault's
/// stall), record, and only then write, so a client that has its answer always finds its request
/// recorded. An update is decided in the order of <see cref="UpdateAsync"/>.
/// </summary>
internal sealed class SandboxEndpoints
{
    private static readonly SandboxAnswer Stopping =
        SandboxAnswer.Refused(StatusCodes.Status503ServiceUnavailable, "the sandbox is stopping");

    private readonly LinerApi _api;
    private readonly FaultPlan _faults;
    private readonly RequestRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly TimeSpan _latency;
    private readonly Task _stopping;

    public SandboxEndpoints(SandboxOptions options, LinerApi api, FaultPlan faults, RequestRecorder recorder, TimeProvider time,
        CancellationToken stopping)
    {
        _api = api;
        _faults = faults;
        _recorder = recorder;
        _time = time;
        _latency = TimeSpan.FromMilliseconds(options.LatencyMs);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stopping.Register(() => stopped.TrySetResult());
        _stopping = stopped.Task;
    }

    private delegate Task<SandboxAnswer> Route(HttpRequest request, byte[] body, CancellationToken aborted);

    public void MapTo(IEndpointRouteBuilder routes)
    {
        // Routing matches these with or without a trailing slash: the document's path has one,
        // its own curl/PHP/JS examples do not, so a client may send either.
        routes.Map("/v1/health/check", context => AnswerAsync(context, isUpdateRoute: false, HealthAsync));
        routes.Map("/v1/lead/update/{lead_id}", context => AnswerAsync(context, isUpdateRoute: true, UpdateAsync));
        routes.MapFallback("{*path}", context => AnswerAsync(context, isUpdateRoute: false, NotFoundAsync));
    }

    private async Task AnswerAsync(HttpContext context, bool isUpdateRoute, Route route)
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
                : await route(context.Request, read, aborted);
        }
        catch (BadHttpRequestException exception)
        {
            answer = SandboxAnswer.Refused(exception.StatusCode, exception.Message);
        }
        catch (Exception exception) when (aborted.IsCancellationRequested && exception is OperationCanceledException or IOException)
        {
            Record(context.Request, sequence, arrivedAt, isUpdateRoute, body, ReceivedRequest.ClientClosedRequest);
            return;
        }
        catch (Exception exception)
        {
            // Logging is off, so the envelope is the only place a fault of the stand-in can show.
            answer = SandboxAnswer.Refused(StatusCodes.Status500InternalServerError, $"sandbox fault: {exception.Message}");
        }

        Record(context.Request, sequence, arrivedAt, isUpdateRoute, body, answer.Status);
        if (answer.IsDrop)
        {
            // Nothing has been written, so the client gets no status line at all: a network error.
            context.Abort();
            return;
        }

        await answer.WriteAsync(context.Response, aborted);
    }

    private Task<SandboxAnswer> HealthAsync(HttpRequest request, byte[] body, CancellationToken aborted) =>
        AfterLatencyAsync(() => _api.Health(request), aborted);

    private Task<SandboxAnswer> NotFoundAsync(HttpRequest request, byte[] body, CancellationToken aborted) =>
        AfterLatencyAsync(LinerApi.NotFound, aborted);

    /// <summary>
    /// Liner's key and lead-id checks, then a fault if one is due (answered at once, without the
    /// latency: a gateway's 429 does not wait for the API), then a stall, the latency, and the rest of Liner's rules.
    /// </summary>
    private async Task<SandboxAnswer> UpdateAsync(HttpRequest request, byte[] body, CancellationToken aborted)
    {
        if (_api.Admit(request, out var leadId) is { } refused)
        {
            return await AfterLatencyAsync(() => refused, aborted);
        }

        var fault = _faults.Next(leadId);
        if (fault.Instead is { } instead)
        {
            return instead;
        }

        if (!await WaitAsync(fault.Stall, aborted))
        {
            return Stopping;
        }

        return await AfterLatencyAsync(() => _api.Update(request, leadId, body), aborted);
    }

    private async Task<SandboxAnswer> AfterLatencyAsync(Func<SandboxAnswer> decide, CancellationToken aborted) =>
        await WaitAsync(_latency, aborted) ? decide() : Stopping;

    /// <summary>
    /// False if the sandbox began to stop meanwhile: shutdown must not wait out a long latency or
    /// stall. Throws if the client gave up, which <see cref="AnswerAsync"/> records as 499.
    /// </summary>
    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken aborted)
    {
        if (delay <= TimeSpan.Zero)
        {
            return true;
        }

        await Task.WhenAny(Task.Delay(delay, _time, aborted), _stopping);
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
