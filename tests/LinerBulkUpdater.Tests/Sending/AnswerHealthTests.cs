using LinerBulkUpdater.Sending;
using Microsoft.Extensions.Time.Testing;

namespace LinerBulkUpdater.Tests.Sending;

public sealed class AnswerHealthTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void A_server_is_healthy_once_20_answers_of_the_last_2_s_came_and_80_percent_of_them_succeeded()
    {
        var health = new AnswerHealth(_clock);
        Record(health, succeeded: 15, failed: 4);
        Assert.False(health.IsHealthy);

        Record(health, succeeded: 1, failed: 0);
        Assert.True(health.IsHealthy);

        Record(health, succeeded: 0, failed: 1);
        Assert.False(health.IsHealthy);
    }

    [Fact]
    public void Answers_older_than_2_s_are_forgotten()
    {
        var health = new AnswerHealth(_clock);
        Record(health, succeeded: 0, failed: 30);
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        Record(health, succeeded: 30, failed: 0);
        Assert.False(health.IsHealthy);

        _clock.Advance(TimeSpan.FromSeconds(0.6));

        Assert.True(health.IsHealthy);
    }

    private static void Record(AnswerHealth health, int succeeded, int failed)
    {
        for (var i = 0; i < succeeded; i++)
        {
            health.Record(true);
        }

        for (var i = 0; i < failed; i++)
        {
            health.Record(false);
        }
    }
}
