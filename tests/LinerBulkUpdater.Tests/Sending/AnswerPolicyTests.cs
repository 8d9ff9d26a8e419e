using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Tests.Sending;

public sealed class AnswerPolicyTests
{
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
        Assert.Equal(transient, AnswerPolicy.IsTransient(new AttemptResult(false, status, "")));
    }

    [Fact]
    public void A_refusal_in_a_200_envelope_is_never_retried()
    {
        Assert.False(AnswerPolicy.IsTransient(new AttemptResult(false, 200, "lead is archived")));
    }

    [Theory]
    [InlineData(401, true)]
    [InlineData(403, true)]
    [InlineData(404, false)]
    public void A_refused_key_is_401_or_403(int status, bool refused)
    {
        Assert.Equal(refused, AnswerPolicy.IsKeyRefused(new AttemptResult(false, status, "")));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, false)]
    [InlineData(404, false)]
    public void Only_no_answer_and_5xx_count_against_the_api(int? status, bool failure)
    {
        Assert.Equal(failure, AnswerPolicy.IsApiFailure(new AttemptResult(false, status, "")));
    }
}
