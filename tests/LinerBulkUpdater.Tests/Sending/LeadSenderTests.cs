using LinerBulkUpdater.Planning;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sandbox;
using LinerBulkUpdater.Sending;

namespace LinerBulkUpdater.Tests.Sending;

/// <summary>
/// One row through LeadSender against the sandbox on loopback, on a fake clock that only the test moves:
/// a back-off or a Retry-After is waited on that clock, so the test sees exactly when the next attempt goes.
/// </summary>
public sealed class LeadSenderTests
{
    private static SandboxOptions Script(long leadId, params string[] entries) => new() { Script = { [leadId.ToString()] = [.. entries] } };

    [Fact]
    public async Task A_healthy_answer_updates_the_row_in_one_attempt()
    {
        await using var rig = await SendingRig.StartAsync();

        var result = await rig.Sender.SendAsync(SendingRig.Update(7, 3));

        Assert.Equal(new SendResult(Outcome.Updated, 200, 1, ""), result);
        Assert.Equal(3L, rig.Server.Lead(7)!["status"]);
    }

    [Fact]
    public async Task A_row_whose_read_awaits_its_retry_when_the_run_stops_is_not_sent()
    {
        // The read before the update was answered 503; the stop comes during its back-off: the update never went out.
        await using var rig = await SendingRig.StartAsync(new SandboxOptions { ReadScript = new() { ["7"] = ["503", "503", "503"] } });
        var row = new RowToSend(new RawRow(1, 2, ["7", "3"]), SendingRig.Update(7, 3));

        var rows = rig.Rows(RunMode.Of(dryRun: false, liveDiff: true, undo: false, verify: false, baseline: false));
        using var ticket = rows.NewRow(null);
        var send = rows.SendAsync(row, null, ticket);
        await rig.Log.RetryAnnouncedAsync();
        rig.Stop.Stop("Ctrl+C was pressed");
        var (result, _) = await rig.DriveAsync(send, TimeSpan.FromMilliseconds(10));

        Assert.Equal((Outcome.NotSent, "not sent: Ctrl+C was pressed"), (result.Outcome, result.Error));
        Assert.Equal(0, rig.Server.UpdateCount);
    }

    [Fact]
    public async Task A_503_is_retried_after_its_back_off_on_the_clock_and_then_updated_on_the_second_attempt()
    {
        await using var rig = await SendingRig.StartAsync(Script(7, "503"));

        var send = rig.Sender.SendAsync(SendingRig.Update(7, 3));
        var delay = await rig.Log.RetryAnnouncedAsync();

        // The back-off (about RetryDelayMs, with jitter) runs on the fake clock: short of it, nothing goes.
        Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        if (delay > TimeSpan.FromMilliseconds(2))
        {
            var backOff = await rig.Timers.ArmedAsync(delay);
            rig.Clock.Advance(delay - TimeSpan.FromMilliseconds(2));
            // The second attempt follows the back-off's timer, which the fake clock would have fired inside Advance.
            Assert.False(backOff.HasFired);
            Assert.Equal(1, rig.Server.UpdateCount);
            Assert.False(send.IsCompleted);
        }

        var result = await rig.DriveAsync(send, TimeSpan.FromMilliseconds(10));

        Assert.Equal(new SendResult(Outcome.Updated, 200, 2, ""), result);
        var updates = rig.Server.Updates;
        Assert.Equal([503, 200], updates.Select(update => update.Status));
        Assert.True(updates[1].At - updates[0].At >= delay - TimeSpan.FromMilliseconds(1), $"retried after {updates[1].At - updates[0].At}, back-off {delay}");
        Assert.Equal(3L, rig.Server.Lead(7)!["status"]);
    }

    [Theory]
    [InlineData("429:2")]
    [InlineData("503:2")]
    public async Task A_retry_after_is_waited_out_in_full_before_the_next_attempt(string entry)
    {
        // A back-off of 1 ms: only the server's Retry-After can make the wait 2 s.
        await using var rig = await SendingRig.StartAsync(Script(7, entry), new SendingOptions { Rps = 0, Attempts = 3, RetryDelayMs = 1 });

        var send = rig.Sender.SendAsync(SendingRig.Update(7, 3));

        Assert.Equal(TimeSpan.FromSeconds(2), await rig.Log.RetryAnnouncedAsync());
        var retryAfter = await rig.Timers.ArmedAsync(TimeSpan.FromSeconds(2));
        rig.Clock.Advance(TimeSpan.FromMilliseconds(1990));
        // The second attempt follows the Retry-After's timer, which the fake clock would have fired inside Advance.
        Assert.False(retryAfter.HasFired);
        Assert.Equal(1, rig.Server.UpdateCount);

        var result = await rig.DriveAsync(send, TimeSpan.FromMilliseconds(10));

        Assert.Equal(new SendResult(Outcome.Updated, 200, 2, ""), result);
        var updates = rig.Server.Updates;
        Assert.True(updates[1].At - updates[0].At >= TimeSpan.FromSeconds(2), $"retried after {updates[1].At - updates[0].At}");
    }

    [Theory]
    [InlineData("400", 400, "sandbox: scripted 400")]
    [InlineData("404", 404, "sandbox: scripted 404")]
    [InlineData("422", 422, "sandbox: scripted 422")]
    [InlineData("refuse:client_phone is already taken", 200, "client_phone is already taken")]
    public async Task An_answer_no_retry_can_change_fails_the_row_at_once_with_the_servers_message(string entry, int status, string message)
    {
        await using var rig = await SendingRig.StartAsync(Script(7, entry));

        var result = await rig.Sender.SendAsync(SendingRig.Update(7, 3));

        Assert.Equal(new SendResult(Outcome.Failed, status, 1, message), result);
        Assert.Equal(1, rig.Server.UpdateCount);
        Assert.Empty(rig.Log.RetryDelays);
        Assert.False(rig.Stop.IsStopped);
        Assert.Null(rig.Server.Lead(7));
    }

    [Fact]
    public async Task A_lead_that_Liner_does_not_know_fails_with_its_404_message()
    {
        await using var rig = await SendingRig.StartAsync(new SandboxOptions { MissingLeads = [7] });

        var result = await rig.Sender.SendAsync(SendingRig.Update(7, 3));

        Assert.Equal(new SendResult(Outcome.Failed, 404, 1, "lead not found"), result);
    }

    [Fact]
    public async Task When_the_attempts_run_out_the_row_fails_with_the_last_answer()
    {
        await using var rig = await SendingRig.StartAsync(Script(7, "503:1", "502", "500", "200"));

        var result = await rig.DriveAsync(rig.Sender.SendAsync(SendingRig.Update(7, 3)));

        Assert.Equal(new SendResult(Outcome.Failed, 500, 3, "sandbox: scripted 500"), result);
        Assert.Equal([503, 502, 500], rig.Server.Updates.Select(update => update.Status));
        Assert.Equal(2, rig.Log.RetryDelays.Count);
        Assert.Null(rig.Server.Lead(7));
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_as_a_network_error()
    {
        await using var rig = await SendingRig.StartAsync(Script(7, "drop"));

        var result = await rig.DriveAsync(rig.Sender.SendAsync(SendingRig.Update(7, 3)));

        Assert.Equal(new SendResult(Outcome.Updated, 200, 2, ""), result);
        Assert.Equal([ReceivedRequest.NoAnswer, 200], rig.Server.Updates.Select(update => update.Status));
    }

    [Fact]
    public async Task Connections_dropped_on_every_attempt_fail_the_row_as_a_network_error_with_no_status()
    {
        await using var rig = await SendingRig.StartAsync(Script(7, "drop", "drop", "drop"));

        var result = await rig.DriveAsync(rig.Sender.SendAsync(SendingRig.Update(7, 3)));

        Assert.Equal((Outcome.Failed, (int?)null, 3), (result.Outcome, result.HttpStatus, result.Attempts));
        Assert.StartsWith("network error: ", result.Error);
    }

    [Fact]
    public async Task An_attempt_with_no_answer_within_the_timeout_is_cut_and_retried()
    {
        await using var rig = await SendingRig.StartAsync(Script(7, "stall:60"), timeoutSeconds: 15);

        var send = rig.Sender.SendAsync(SendingRig.Update(7, 3));

        // Just short of the timeout, the stalled attempt is still waited for (the sandbox holds it 60 s): neither
        // the attempt's time limit nor the stall has fired, and only they could end it.
        var timeout = await rig.Timers.ArmedAsync(TimeSpan.FromSeconds(15));
        var stall = await rig.Timers.ArmedAsync(TimeSpan.FromSeconds(60));
        rig.Clock.Advance(TimeSpan.FromSeconds(14.9));
        Assert.False(timeout.HasFired);
        Assert.False(stall.HasFired);
        Assert.Empty(rig.Log.RetryDelays);
        Assert.False(send.IsCompleted);

        // Fine steps: the retry has a 15 s limit too, which must not pass while it is on the wire for real.
        var result = await rig.DriveAsync(send, TimeSpan.FromMilliseconds(10));

        Assert.Equal(new SendResult(Outcome.Updated, 200, 2, ""), result);
        var cut = await Eventually.FoundAsync(() => rig.Server.Updates.FirstOrDefault(update => update.Status == ReceivedRequest.ClientClosedRequest));
        Assert.Equal(7, cut.LeadId);
    }

    [Fact]
    public async Task A_refused_key_fails_the_row_and_stops_the_run()
    {
        await using var rig = await SendingRig.StartAsync(new SandboxOptions { ApiKey = "the-right-key" }, apiKey: "a-wrong-key");

        var result = await rig.Sender.SendAsync(SendingRig.Update(7, 3));

        Assert.Equal(new SendResult(Outcome.Failed, 401, 1, "invalid API key"), result);
        Assert.True(rig.Stop.IsStopped);
        Assert.Equal("the Liner API refused the API key (HTTP 401)", rig.Stop.Reason);

        // Whatever comes next is not sent: nothing more can succeed with this key.
        var next = await rig.Sender.SendAsync(SendingRig.Update(8, 3));
        Assert.Equal(new SendResult(Outcome.NotSent, null, 0, "not sent: the Liner API refused the API key (HTTP 401)"), next);
        Assert.Equal(1, rig.Server.UpdateCount);
    }

    [Theory]
    [InlineData("401")]
    [InlineData("403")]
    public async Task A_key_refused_midway_stops_the_run_and_names_the_status(string entry)
    {
        await using var rig = await SendingRig.StartAsync(Script(7, entry));

        var result = await rig.Sender.SendAsync(SendingRig.Update(7, 3));

        Assert.Equal((Outcome.Failed, int.Parse(entry), 1), (result.Outcome, result.HttpStatus, result.Attempts));
        Assert.True(rig.Stop.IsStopped);
        Assert.Contains($"HTTP {entry}", rig.Stop.Reason);
    }

    [Fact]
    public async Task A_row_sent_after_the_run_stopped_is_not_sent_and_makes_no_request()
    {
        await using var rig = await SendingRig.StartAsync();
        rig.Stop.Stop("Ctrl+C was pressed");

        var result = await rig.Sender.SendAsync(SendingRig.Update(7, 3));

        Assert.Equal(new SendResult(Outcome.NotSent, null, 0, "not sent: Ctrl+C was pressed"), result);
        Assert.Equal(0, rig.Server.UpdateCount);
    }

    [Fact]
    public async Task A_stop_during_a_back_off_ends_the_wait_and_fails_the_row_with_what_it_last_heard()
    {
        await using var rig = await SendingRig.StartAsync(Script(7, "503:60"));

        var send = rig.Sender.SendAsync(SendingRig.Update(7, 3));
        await rig.Log.RetryAnnouncedAsync();
        rig.Stop.Stop("Ctrl+C was pressed");

        // No clock moved: the stop alone ends the 60 s wait.
        var result = await send.WaitAsync(SendingRig.Patience);

        Assert.Equal(new SendResult(Outcome.Failed, 503, 1, "sandbox: scripted 503 (not retried: Ctrl+C was pressed)"), result);
        Assert.Equal(1, rig.Server.UpdateCount);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_longest_wait_fails_the_row_at_once()
    {
        await using var rig = await SendingRig.StartAsync(Script(7, "429:600"), new SendingOptions { Rps = 0, Attempts = 3, RetryDelayMs = 1000, MaxDelaySeconds = 60 });

        var result = await rig.Sender.SendAsync(SendingRig.Update(7, 3));

        Assert.Equal((Outcome.Failed, (int?)429, 1), (result.Outcome, result.HttpStatus, result.Attempts));
        Assert.StartsWith("sandbox: scripted 429; Liner asked to retry after 600 s (Retry-After), more than Sending:MaxDelaySeconds (60 s)", result.Error);
        Assert.Equal(1, rig.Server.UpdateCount);
    }
}
