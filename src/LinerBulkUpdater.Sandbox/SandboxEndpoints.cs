using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// The routes of the stand-in. Every request, whatever its route, goes through
/// <see cref="AnswerAsync"/>: read the body, let the route decide (waiting its latency, or a fault's
/// stall), record, and only then write, so a client that has its answer always finds its request
/// recorded. Updates and reads are decided in the order of <see cref="DecideAsync"/>.
/// </summary>
internal sealed class SandboxEndpoints
{
    private static readonly SandboxAnswer Stopping =
        SandboxAnswer.Refused(StatusCodes.Status503ServiceUnavailable, "the sandbox is stopping");

    private readonly SandboxOptions _options;
    private readonly LinerApi _api;
    private readonly FaultPlan _faults;
    private readonly RequestRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly TimeSpan _latency;
    private readonly Task _stopping;

    public SandboxEndpoints(SandboxOptions options, LinerApi api, FaultPlan faults, RequestRecorder recorder, TimeProvider time,
        CancellationToken stopping)
    {
        _options = options;
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
        routes.Map("/v1/health/check", context => AnswerAsync(context, SandboxRoute.Health, HealthAsync));
        routes.Map("/v1/lead/update/{lead_id}", context => AnswerAsync(context, SandboxRoute.Update, UpdateAsync));
        routes.Map("/v1/lead/detail/{lead_id}", context => AnswerAsync(context, SandboxRoute.LeadDetailV1, ReadV1Async));
        routes.Map("/v2/lead/detail/{leadId}", context => AnswerAsync(context, SandboxRoute.LeadDetailV2, ReadV2Async));
        routes.Map("/v2/lead/update/{leadId}", context => AnswerAsync(context, SandboxRoute.UpdateV2, UpdateV2Async));
        routes.Map("/v2/lead", context => AnswerAsync(context, SandboxRoute.LeadList, LeadListAsync));
        routes.Map("/v2/custom-field", context => AnswerAsync(context, SandboxRoute.CustomFieldList, CustomFieldListAsync));
        routes.Map("/v2/custom-fields", context => AnswerAsync(context, SandboxRoute.CustomFieldList, CustomFieldListAsync));
        foreach (var path in SandboxOptions.StatusListRoutes)
        {
            // A path turned off answers exactly as an unknown path does, but is still recorded as a
            // status-list request, so a test can count the client's fallback.
            Route answer = _options.Serves(path) ? StatusListAsync : NotFoundAsync;
            routes.Map(path.TrimEnd('/'), context => AnswerAsync(context, SandboxRoute.StatusList, answer));
        }

        routes.MapFallback("{*path}", context => AnswerAsync(context, SandboxRoute.Other, NotFoundAsync));
    }

    private async Task AnswerAsync(HttpContext context, SandboxRoute kind, Route route)
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
            Record(context.Request, sequence, arrivedAt, kind, body, ReceivedRequest.ClientClosedRequest);
            return;
        }
        catch (Exception exception)
        {
            // Logging is off, so the envelope is the only place a fault of the stand-in can show.
            answer = SandboxAnswer.Refused(StatusCodes.Status500InternalServerError, $"sandbox fault: {exception.Message}");
        }

        Record(context.Request, sequence, arrivedAt, kind, body, answer.Status);
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

    private Task<SandboxAnswer> UpdateAsync(HttpRequest request, byte[] body, CancellationToken aborted)
    {
        var refused = _api.Admit(request, isUpdate: true, out var leadId);
        return DecideAsync(refused, () => _faults.NextUpdate(leadId), () => _api.Update(request, leadId, body), aborted);
    }

    private Task<SandboxAnswer> UpdateV2Async(HttpRequest request, byte[] body, CancellationToken aborted)
    {
        var refused = _api.Admit(request, isUpdate: true, out var leadId);
        return DecideAsync(refused, () => _faults.NextUpdate(leadId), () => _api.UpdateV2(request, leadId, body), aborted);
    }

    private Task<SandboxAnswer> CustomFieldListAsync(HttpRequest request, byte[] body, CancellationToken aborted) =>
        DecideAsync(_api.AdmitList(request), _faults.NextStatusList, () => _api.CustomFieldList(request), aborted);

    private Task<SandboxAnswer> LeadListAsync(HttpRequest request, byte[] body, CancellationToken aborted) =>
        DecideAsync(_api.AdmitList(request), _faults.NextLeadList, () => _api.LeadList(request), aborted);

    private Task<SandboxAnswer> ReadV1Async(HttpRequest request, byte[] body, CancellationToken aborted) =>
        ReadLeadAsync(request, SandboxRoute.LeadDetailV1, aborted);

    private Task<SandboxAnswer> ReadV2Async(HttpRequest request, byte[] body, CancellationToken aborted) =>
        ReadLeadAsync(request, SandboxRoute.LeadDetailV2, aborted);

    private Task<SandboxAnswer> ReadLeadAsync(HttpRequest request, SandboxRoute version, CancellationToken aborted)
    {
        var refused = _api.Admit(request, isUpdate: false, out var leadId);
        return DecideAsync(refused, () => _faults.NextRead(leadId), () => _api.ReadLead(leadId, version), aborted);
    }

    private Task<SandboxAnswer> StatusListAsync(HttpRequest request, byte[] body, CancellationToken aborted) =>
        DecideAsync(_api.AdmitList(request), _faults.NextStatusList, () => LinerApi.StatusList, aborted);

    /// <summary>
    /// Liner's key and lead-id checks (<paramref name="refused"/> if they failed), then a fault if one is
    /// due (answered at once, without the latency: a gateway's 429 does not wait for the API), then a
    /// stall, the latency, and the rest of Liner's rules (<paramref name="decide"/>).
    /// </summary>
    private async Task<SandboxAnswer> DecideAsync(SandboxAnswer? refused, Func<Fault> nextFault, Func<SandboxAnswer> decide,
        CancellationToken aborted)
    {
        if (refused is not null)
        {
            return await AfterLatencyAsync(() => refused, aborted);
        }

        var fault = nextFault();
        if (fault.Instead is { } instead)
        {
            return instead;
        }

        if (!await WaitAsync(fault.Stall, aborted))
        {
            return Stopping;
        }

        return await AfterLatencyAsync(decide, aborted);
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

    private void Record(HttpRequest request, long sequence, DateTimeOffset arrivedAt, SandboxRoute kind, byte[] body, int status)
    {
        var received = new ReceivedRequest(
            arrivedAt,
            request.Method,
            request.Path.Value ?? "",
            kind is SandboxRoute.Update or SandboxRoute.UpdateV2 or SandboxRoute.LeadDetailV1 or SandboxRoute.LeadDetailV2 ? LinerApi.LeadIdOf(request) : null,
            request.Headers.TryGetValue(LinerApi.ApiKeyHeader, out var key) ? key.ToString() : null,
            request.ContentType,
            body,
            status)
        {
            Route = kind,
        };
        _recorder.Record(sequence, received);
    }
}
