using System.Text.Json;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Tests.Sending;

public sealed class ReadResultTests
{
    [Fact]
    public void A_successful_answer_is_read_with_its_data()
    {
        using var document = JsonDocument.Parse("""{"id":7}""");
        var data = document.RootElement.Clone();

        var read = ReadResult.Of(AttemptResult.Success with { Data = data });

        Assert.Equal((ReadOutcome.Read, (int?)200, ""), (read.Outcome, read.HttpStatus, read.Error));
        Assert.Equal(7, read.Data!.Value.GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData(404, "lead not found", "NotFound")]
    [InlineData(404, "sandbox: scripted 404", "NotFound")]
    [InlineData(200, "Lead Not Found", "NotFound")]
    [InlineData(200, "lead is archived", "Failed")]
    [InlineData(500, "lead not found", "Failed")]
    [InlineData(503, "sandbox: scripted 503", "Failed")]
    [InlineData(null, "network error: connection reset", "Failed")]
    public void Only_a_404_or_an_envelope_that_says_so_is_not_found(int? status, string error, string outcome)
    {
        Assert.Equal(new ReadResult(Enum.Parse<ReadOutcome>(outcome), status, error), ReadResult.Of(new AttemptResult(false, status, error)));
    }

    [Fact]
    public void A_read_the_stop_came_before_is_not_sent()
    {
        Assert.Equal(new ReadResult(ReadOutcome.NotSent, null, "not sent: Ctrl+C was pressed"), ReadResult.Stopped(null, "Ctrl+C was pressed"));
    }

    [Fact]
    public void A_read_the_stop_kept_from_its_retry_fails_with_what_it_last_heard()
    {
        Assert.Equal(
            new ReadResult(ReadOutcome.Failed, 503, "sandbox: scripted 503 (not retried: Ctrl+C was pressed)"),
            ReadResult.Stopped(new AttemptResult(false, 503, "sandbox: scripted 503"), "Ctrl+C was pressed"));
    }
}
