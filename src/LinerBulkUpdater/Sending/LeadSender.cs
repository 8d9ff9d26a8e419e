using LinerBulkUpdater.Leads;
using Polly;
using Polly.CircuitBreaker;
using Serilog;
using ReportOutcome = LinerBulkUpdater.Leads.Outcome;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// Sends one update, or makes one read, through the run's <see cref="LeadPipeline"/>: each attempt with its own timeout,
/// its answer judged by <see cref="AnswerJudge"/> and the verdict carried out (the pace, the stop). Stopping the run
/// (<see cref="RunStop"/>) ends waits and retries at once and lets requests in flight finish.
/// </summary>
internal sealed class LeadSender
{
    private readonly LinerClient _client;
    private readonly PacedRateLimiter _limiter;
    private readonly RunStop _stop;
    private readonly ApiOutage _outage;
    private readonly AnswerHealth _health;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly RetryLimits _limits;
    private readonly Lock _streakGate = new();
    private readonly ResiliencePipeline<AttemptResult> _pipeline;
    private readonly InFlightSlots _inFlight;

    // Answers in a row, across rows, whose Retry-After is past Sending:MaxDelaySeconds (see AnswerJudge).
    private int _beyondInARow;

    private LeadSender(ResiliencePipeline<AttemptResult> pipeline, InFlightSlots inFlight, LinerClient client, PacedRateLimiter limiter, RunStop stop, ApiOutage outage, AnswerHealth health, TimeProvider time, TimeSpan timeout, RetryLimits limits)
    {
        _health = health;
        _pipeline = pipeline;
        _inFlight = inFlight;
        _client = client;
        _limiter = limiter;
        _stop = stop;
        _outage = outage;
        _time = time;
        _timeout = timeout;
        _limits = limits;
    }

    public static LeadSender Create(LinerClient client, LinerOptions liner, SendingOptions sending, PacedRateLimiter limiter, RunStop stop, ILogger log, TimeProvider time)
    {
        var limits = RetryLimits.From(sending);
        var outage = new ApiOutage(limits.OutageLimit, time);
        var health = new AnswerHealth(time);
        var inFlight = new InFlightSlots(sending.Concurrency);
        var pipeline = LeadPipeline.Build(sending, limits, inFlight, limiter, outage, health, stop, log, time);
        return new LeadSender(pipeline, inFlight, client, limiter, stop, outage, health, time, TimeSpan.FromSeconds(liner.TimeoutSeconds), limits);
    }

    /// <summary>A new row's hold on a slot of <c>--concurrency</c>, for its requests; disposed once the row is in the report.</summary>
    /// <param name="started">The row's lead is known from an earlier row: its first request goes first too.</param>
    public RowTicket NewRow(bool started) => _inFlight.Ticket(started);

    /// <summary>One update, over all its attempts.</summary>
    /// <param name="ticket">The row's slot (<see cref="NewRow"/>); null: the attempt takes one of its own.</param>
    public async Task<SendResult> SendAsync(LeadUpdate update, RowTicket? ticket = null)
    {
        var row = new RowAttempts(this, update.LeadId, token => _client.UpdateAsync(update, token), IsRead: false, ticket);
        return await ExecuteAsync(row) is { } why ? Unfinished(row, why) : Finished(row, row.Last!);
    }

    /// <summary>
    /// One read (<paramref name="path"/> under the base URL) on behalf of lead <paramref name="leadId"/>, through the
    /// same retries, circuit breaker, rate limiter and stop as the updates: Liner's limit counts every call.
    /// </summary>
    public async Task<ReadResult> ReadAsync(long leadId, string path, RowTicket? ticket = null)
    {
        var row = new RowAttempts(this, leadId, token => _client.ReadAsync(path, token), IsRead: true, ticket);
        return await ExecuteAsync(row) is { } why ? ReadResult.Stopped(row.Last, why) : ReadResult.Of(row.Last!);
    }

    /// <summary>A page of a list (the lead list), read like any other read, with the larger answer cap a page needs.</summary>
    public async Task<ReadResult> ReadPageAsync(string path)
    {
        var row = new RowAttempts(this, 0, token => _client.ReadAsync(path, token, LinerClient.MaxPageBytes), IsRead: true);
        return await ExecuteAsync(row) is { } why ? ReadResult.Stopped(row.Last, why) : ReadResult.Of(row.Last!);
    }

    /// <summary>The lead's detail: v2 (<c>Liner:LeadDetailPath</c>), or v1 for the fields v2 lacks (<c>Liner:LeadDetailV1Path</c>).</summary>
    public Task<ReadResult> ReadLeadAsync(long leadId, bool v1, RowTicket? ticket = null) => ReadAsync(leadId, _client.DetailPath(leadId, v1), ticket);

    /// <summary>The request's attempts through the pipeline, the last answer left in <see cref="RowAttempts.Last"/>.</summary>
    /// <returns>Null when the attempts ran their course; why not when the run stopped first.</returns>
    private async Task<string?> ExecuteAsync(RowAttempts row)
    {
        var context = ResilienceContextPool.Shared.Get(_stop.Sending);
        row.Into(context);
        try
        {
            await _pipeline.ExecuteAsync(static (context, row) => row.Sender.AttemptAsync(row), context, row);
            return null;
        }
        catch (BrokenCircuitException)
        {
            // The retry strategy gave up waiting: the outage outlasted its limit and the run is stopping.
            return $"the Liner API stayed down for more than {_outage.Limit.TotalMinutes:0.#} min";
        }
        catch (OperationCanceledException) when (_stop.IsStopped)
        {
            return _stop.Reason;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static SendResult Finished(RowAttempts row, AttemptResult last) =>
        new(last.Succeeded ? ReportOutcome.Updated : ReportOutcome.Failed, last.HttpStatus, row.Attempts, last.Error);

    /// <summary>The run stopped before this row was done: not_sent if no attempt went out, else failed with what the last one said.</summary>
    private static SendResult Unfinished(RowAttempts row, string why) => row.Last is { } last
        ? new(ReportOutcome.Failed, last.HttpStatus, row.Attempts, $"{last.Error} (not retried: {why})")
        : new(ReportOutcome.NotSent, null, 0, $"not sent: {why}");

    /// <summary>
    /// One attempt, judged, and the verdict carried out: the pace, the stop, the count of answers beyond the longest wait
    /// (judged and kept under one lock, so the tenth in a row across workers is the tenth).
    /// </summary>
    private async ValueTask<AttemptResult> AttemptAsync(RowAttempts row)
    {
        row.Attempts++;
        var startedAt = _time.GetTimestamp();
        var answer = await AnswerOfAsync(row);
        _health.Record(answer.Succeeded);
        AnswerVerdict verdict;
        lock (_streakGate)
        {
            verdict = AnswerJudge.Judge(answer, row.Attempts, _beyondInARow, _limits);
            _beyondInARow = verdict.BeyondInARow ?? _beyondInARow;
        }

        _limiter.Apply(verdict.Pace, startedAt);
        if (verdict.Stop is { } why)
        {
            _stop.Stop(why);
        }

        row.Verdict = verdict;
        row.Last = verdict.Answer;
        return verdict.Answer!;
    }

    /// <summary>One request. Its time limit and the run's hard stop cut it; a graceful stop lets it finish.</summary>
    private async Task<AttemptResult> AnswerOfAsync(RowAttempts row)
    {
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stop.Abort);
        try
        {
            return await row.Request(attempt.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new AttemptResult(false, null, $"no answer within {_timeout.TotalSeconds:0} s");
        }
        catch (OperationCanceledException) when (_stop.Abort.IsCancellationRequested)
        {
            return new AttemptResult(false, null, row.IsRead
                ? "cut off in flight when the run was stopped"
                : "cut off in flight when the run was stopped: the update may or may not have been applied");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException)
        {
            // A reset mid-body (HttpIOException), a connect timeout (a cancellation no token of ours
            // asked for): no usable answer, worth another attempt. The messages name the host and the
            // socket error, never the request's headers.
            return new AttemptResult(false, null, $"network error: {exception.Message.ReplaceLineEndings(" ")}");
        }
    }
}
