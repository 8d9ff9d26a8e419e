using System.Net.Http;
using System.Threading.RateLimiting;
using LinerBulkUpdater.Leads;
using Polly;
using Polly.Timeout;

namespace LinerBulkUpdater.Sending;

/// <summary>What sending one row came to, over all its attempts.</summary>
internal sealed record SendResult(AttemptResult Last, int Attempts);

/// <summary>
/// Sends one update through the resilience pipeline: every attempt waits for the rate limiter,
/// then gets its own timeout. The pipeline is built once, from options, in <see cref="Create"/>.
/// </summary>
internal sealed class LeadSender(LinerClient client, ResiliencePipeline<AttemptResult> pipeline)
{
    public static LeadSender Create(LinerClient client, LinerOptions liner, RateLimiter? limiter)
    {
        var builder = new ResiliencePipelineBuilder<AttemptResult>();
        if (limiter is not null)
        {
            builder.AddRateLimiter(limiter);
        }

        builder.AddTimeout(TimeSpan.FromSeconds(liner.TimeoutSeconds));
        return new LeadSender(client, builder.Build());
    }

    public async Task<SendResult> SendAsync(LeadUpdate update, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            var last = await pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await AttemptAsync(update, token);
                },
                cancellationToken);
            return new SendResult(last, attempts);
        }
        catch (TimeoutRejectedException exception)
        {
            return new SendResult(new AttemptResult(false, null, $"no answer within {exception.Timeout.TotalSeconds:0} s"), attempts);
        }
    }

    private async ValueTask<AttemptResult> AttemptAsync(LeadUpdate update, CancellationToken cancellationToken)
    {
        try
        {
            return await client.UpdateAsync(update, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            // The message names the host and the socket error, never the request's headers.
            return new AttemptResult(false, null, $"network error: {exception.Message}");
        }
    }
}
