using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.RateLimiting;
using Serilog;
using System.Threading.RateLimiting;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// The resilience pipeline every request of the run goes through, built once from the options: retry (what and for how
/// long as <see cref="AnswerJudge"/> decided, with back-off and Retry-After) → circuit breaker (an API that keeps failing
/// is left alone for a while) → at most <c>--concurrency</c> attempts on the wire → rate limiter (every attempt, retries
/// included) → the attempt. Each request carries its <see cref="RowAttempts"/> in the context.
/// </summary>
internal static class LeadPipeline
{
    public static ResiliencePipeline<AttemptResult> Build(SendingOptions sending, RetryLimits limits, InFlightSlots inFlight, PacedRateLimiter limiter, ApiOutage outage, AnswerHealth health, RunStop stop, ILogger log, TimeProvider time)
    {
        return new ResiliencePipelineBuilder<AttemptResult> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                // Attempts are counted by AnswerJudge: waiting for an open circuit to close is not an attempt.
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(sending.RetryDelayMs),
                MaxDelay = limits.Wait.Longest,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, RowAttempts.Of(args.Context), limits, outage, stop)),
                // The verdict's: Liner's Retry-After or the circuit's break, capped; else, while the server answers nearly
                // everything, a short wait that does not double (AnswerHealth); null leaves the back-off above.
                DelayGenerator = args => ValueTask.FromResult(RowAttempts.Of(args.Context).Verdict is { } verdict
                    ? verdict.Delay ?? (verdict.Answer is { HttpStatus: not 429 } && health.IsHealthy ? HealthyDelay(sending) : null)
                    : null),
                OnRetry = args =>
                {
                    // Waiting for its retry, the row holds no slot: the other rows go on meanwhile.
                    RowAttempts.Of(args.Context).Ticket?.Pause();
                    log.Debug("Lead {LeadId}: retrying in {Delay:0.0} s after {Answer}", RowAttempts.Of(args.Context).LeadId, args.RetryDelay.TotalSeconds, Describe(args.Outcome));
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<AttemptResult>
            {
                // Half of the last 2 s failing, over at least 10 requests: sensitive enough that rows waiting
                // on their back-off find the circuit open (and wait it out) instead of spending their attempts.
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(2),
                BreakDuration = TimeSpan.FromSeconds(sending.BreakSeconds),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } result && AnswerJudge.IsApiFailure(result)),
                OnOpened = args =>
                {
                    outage.Opened();
                    log.Warning("The Liner API keeps failing: no requests for {Seconds:0} s, then one to test it", args.BreakDuration.TotalSeconds);
                    return default;
                },
                OnClosed = _ =>
                {
                    outage.Closed();
                    log.Information("The Liner API answers again: sending resumes");
                    return default;
                },
            })
            // In flight means on the wire: a row holds its slot from its first request to its report line, but not while
            // it sleeps before a retry (OnRetry above), so one row's back-off never holds up the others. A started row's
            // next request goes first, here and in the pace, so a lead's write follows its read at once (CONTRACT §6).
            .AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => inFlight.AcquireAsync(RowAttempts.Of(args.Context), args.Context.CancellationToken),
            })
            .AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => limiter.AcquireAsync(RowAttempts.Of(args.Context).Started, args.Context.CancellationToken),
            })
            .Build();
    }

    /// <summary>
    /// The retry strategy's ShouldHandle: the verdict <see cref="LeadSender"/> recorded on the last answer, or, when the
    /// open circuit sent nothing, the verdict on that. A run stopped by now retries nothing.
    /// </summary>
    private static bool ShouldRetry(Outcome<AttemptResult> outcome, RowAttempts row, RetryLimits limits, ApiOutage outage, RunStop stop)
    {
        if (stop.IsStopped)
        {
            return false;
        }

        switch (outcome)
        {
            case { Exception: BrokenCircuitException broken }:
                row.Verdict = AnswerJudge.JudgeOpenCircuit(broken.RetryAfter, outage.IsPastLimit, limits);
                if (row.Verdict.Stop is { } why)
                {
                    stop.Stop(why);
                }

                return row.Verdict.Retry;
            case { Result: not null }:
                return row.Verdict!.Retry;
            default:
                return false;
        }
    }

    /// <summary>A quarter of Sending:RetryDelayMs, give or take a quarter of that, so that retries do not come in step.</summary>
    private static TimeSpan HealthyDelay(SendingOptions sending) =>
        TimeSpan.FromMilliseconds(sending.RetryDelayMs / 4.0 * (0.75 + (Random.Shared.NextDouble() / 2)));

    private static string Describe(Outcome<AttemptResult> outcome) => outcome switch
    {
        { Result: { } result } => result.HttpStatus is { } status ? $"HTTP {status}: {result.Error}" : result.Error,
        { Exception: { } exception } => exception.Message,
        _ => "",
    };
}
