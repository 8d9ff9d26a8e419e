using System.Globalization;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Tests.Sending;

/// <summary>
/// The verdict table: every kind of answer, what <see cref="AnswerJudge"/> makes of it. Limits: 3 attempts,
/// Sending:MaxDelaySeconds 300, Sending:OutageLimitSeconds 300. A verdict reads "retry or not [after how long];
/// [reported as given up;] what the pace hears[; the window wait]; the count of answers in a row beyond the limit[; why the run stops]".
/// </summary>
public sealed class AnswerJudgeTests
{
    private const string TenBeyond = "stops: Liner asked 10 requests in a row to wait longer than Sending:MaxDelaySeconds (300 s) allows; run again later with --resume";

    private static readonly RetryLimits Limits = new(3, new WaitLimit(TimeSpan.FromSeconds(300)), TimeSpan.FromSeconds(300));

    [Theory]
    //          ok     status retry-after quota    attempt in-a-row verdict
    [InlineData(true,  200,   null,       null,    1,      4,       "no retry; accepted; 0 beyond in a row")]
    [InlineData(true,  200,   null,       "2/5",   1,      0,       "no retry; accepted; 0 beyond in a row")]
    [InlineData(true,  200,   null,       "1/5",   1,      0,       "no retry; accepted; window 5 s; 0 beyond in a row")]
    [InlineData(true,  200,   null,       "0/3600", 1,     0,       "no retry; accepted; window 300 s; 0 beyond in a row")]
    [InlineData(false, 200,   null,       null,    1,      4,       "no retry; pace unchanged; count unchanged")]
    [InlineData(false, 429,   null,       null,    1,      0,       "retry after the back-off; throttled; count unchanged")]
    [InlineData(false, 429,   2.0,        null,    1,      0,       "retry after 2 s; throttled 2 s; count unchanged")]
    [InlineData(false, 429,   -5.0,       null,    1,      0,       "retry after 0 s; throttled 0 s; count unchanged")]
    [InlineData(false, 429,   300.0,      null,    2,      0,       "retry after 300 s; throttled 300 s; count unchanged")]
    [InlineData(false, 429,   2.0,        null,    3,      0,       "no retry; throttled 2 s; count unchanged")]
    [InlineData(false, 429,   2.0,        "0/10",  1,      0,       "retry after 2 s; throttled 2 s; window 10 s; count unchanged")]
    [InlineData(false, 429,   600.0,      null,    1,      0,       "no retry; reported as given up; pace unchanged; 1 beyond in a row")]
    [InlineData(false, 429,   600.0,      "1/20",  1,      0,       "no retry; reported as given up; pace unchanged; window 20 s; 1 beyond in a row")]
    [InlineData(false, 429,   600.0,      null,    1,      8,       "no retry; reported as given up; pace unchanged; 9 beyond in a row")]
    [InlineData(false, 429,   600.0,      null,    1,      9,       "no retry; reported as given up; pace unchanged; 10 beyond in a row; " + TenBeyond)]
    [InlineData(false, 503,   600.0,      null,    1,      12,      "no retry; reported as given up; pace unchanged; 13 beyond in a row; " + TenBeyond)]
    [InlineData(false, 503,   2.0,        null,    1,      0,       "retry after 2 s; pace unchanged; count unchanged")]
    [InlineData(false, 503,   null,       null,    2,      0,       "retry after the back-off; pace unchanged; count unchanged")]
    [InlineData(false, 503,   null,       null,    3,      0,       "no retry; pace unchanged; count unchanged")]
    [InlineData(false, 408,   null,       null,    1,      0,       "retry after the back-off; pace unchanged; count unchanged")]
    [InlineData(false, 500,   null,       null,    1,      0,       "retry after the back-off; pace unchanged; count unchanged")]
    [InlineData(false, 502,   null,       null,    1,      0,       "retry after the back-off; pace unchanged; count unchanged")]
    [InlineData(false, 504,   null,       null,    1,      0,       "retry after the back-off; pace unchanged; count unchanged")]
    [InlineData(false, null,  null,       null,    1,      0,       "retry after the back-off; pace unchanged; count unchanged")]
    [InlineData(false, null,  null,       null,    3,      0,       "no retry; pace unchanged; count unchanged")]
    [InlineData(false, 400,   null,       null,    1,      0,       "no retry; pace unchanged; count unchanged")]
    [InlineData(false, 404,   3600.0,     null,    1,      3,       "no retry; pace unchanged; count unchanged")]
    [InlineData(false, 409,   null,       null,    1,      0,       "no retry; pace unchanged; count unchanged")]
    [InlineData(false, 422,   null,       null,    1,      0,       "no retry; pace unchanged; count unchanged")]
    [InlineData(false, 501,   null,       null,    1,      0,       "no retry; pace unchanged; count unchanged")]
    [InlineData(false, 401,   null,       null,    1,      0,       "no retry; pace unchanged; count unchanged; stops: the Liner API refused the API key (HTTP 401)")]
    [InlineData(false, 403,   null,       null,    1,      0,       "no retry; pace unchanged; count unchanged; stops: the Liner API refused the API key (HTTP 403)")]
    public void Each_answer_gets_the_verdict_of_its_row_in_the_table(bool ok, int? status, double? retryAfter, string? quota, int attempt, int inARow, string verdict)
    {
        var answer = new AttemptResult(ok, status, ok ? "" : "refused", retryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null)
        {
            Quota = quota?.Split('/') is [var remaining, var reset] ? (long.Parse(remaining, CultureInfo.InvariantCulture), TimeSpan.FromSeconds(int.Parse(reset, CultureInfo.InvariantCulture))) : null,
        };

        Assert.Equal(verdict, Shown(AnswerJudge.Judge(answer, attempt, inARow, Limits), answer));
    }

    [Theory]
    //          break left  outage past its limit  verdict
    [InlineData(5.0,        false,                 "retry after 5 s; pace unchanged; count unchanged")]
    [InlineData(null,       false,                 "retry after 1 s; pace unchanged; count unchanged")]
    [InlineData(3600.0,     false,                 "retry after 300 s; pace unchanged; count unchanged")]
    [InlineData(5.0,        true,                  "no retry; pace unchanged; count unchanged; stops: the Liner API has been down for more than 5 min")]
    public void An_open_circuit_is_waited_out_until_the_outage_passes_its_limit(double? breakLeft, bool pastLimit, string verdict)
    {
        var judged = AnswerJudge.JudgeOpenCircuit(breakLeft is { } seconds ? TimeSpan.FromSeconds(seconds) : null, pastLimit, Limits);

        Assert.Null(judged.Answer);
        Assert.Equal(verdict, Shown(judged, null));
    }

    private static string Shown(AnswerVerdict verdict, AttemptResult? answer)
    {
        var parts = new List<string>
        {
            (verdict.Retry ? "retry" : "no retry") + (verdict.Delay is { } delay ? $" after {Seconds(delay)}" : verdict.Retry ? " after the back-off" : ""),
        };
        if (verdict.Answer != answer)
        {
            parts.Add(answer is not null && verdict.Answer == Limits.Wait.GiveUp(answer) ? "reported as given up" : $"reported as {verdict.Answer}");
        }

        parts.Add(verdict.Pace.Signal switch
        {
            PaceSignal.Accepted => "accepted",
            PaceSignal.Throttled => "throttled" + (verdict.Pace.RetryAfter is { } after ? $" {Seconds(after)}" : ""),
            _ => "pace unchanged",
        });
        if (verdict.Pace.WaitForWindow is { } window)
        {
            parts.Add($"window {Seconds(window)}");
        }

        if (verdict.Pace.Signal != PaceSignal.Throttled && verdict.Pace.RetryAfter is { } stray)
        {
            parts.Add($"a Retry-After of {Seconds(stray)} the limiter never reads");
        }

        parts.Add(verdict.BeyondInARow is { } count ? $"{count} beyond in a row" : "count unchanged");
        if (verdict.Stop is { } stop)
        {
            parts.Add($"stops: {stop}");
        }

        return string.Join("; ", parts);
    }

    private static string Seconds(TimeSpan wait) => string.Create(CultureInfo.InvariantCulture, $"{wait.TotalSeconds:0.###} s");

    [Theory]
    [InlineData(null, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(422, false)]
    [InlineData(501, false)]
    public void Only_answers_that_say_later_are_retried(int? status, bool transient)
    {
        Assert.Equal(transient, AnswerJudge.IsTransient(new AttemptResult(false, status, "")));
    }

    [Fact]
    public void A_refusal_in_a_200_envelope_is_never_retried()
    {
        Assert.False(AnswerJudge.IsTransient(new AttemptResult(false, 200, "lead is archived")));
    }

    [Theory]
    [InlineData(401, true)]
    [InlineData(403, true)]
    [InlineData(404, false)]
    public void A_refused_key_is_401_or_403(int status, bool refused)
    {
        Assert.Equal(refused, AnswerJudge.IsKeyRefused(new AttemptResult(false, status, "")));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, false)]
    [InlineData(404, false)]
    public void Only_no_answer_and_5xx_count_against_the_api(int? status, bool failure)
    {
        Assert.Equal(failure, AnswerJudge.IsApiFailure(new AttemptResult(false, status, "")));
    }
}
