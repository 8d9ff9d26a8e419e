using Serilog;

namespace LinerBulkUpdater.Sending;

/// <summary>One health check before the first row: a wrong URL or a refused key costs one request, not a report full of failures.</summary>
internal sealed class HealthCheck(LinerOptions liner, ILogger log, TimeProvider time)
{
    /// <exception cref="UsageException">The API cannot be reached, refuses the key, or is not the Liner API.</exception>
    public async Task RunAsync(LinerClient client, RunStop stop)
    {
        AttemptResult answer;
        try
        {
            answer = await client.CheckHealthAsync(stop.Sending).WaitAsync(TimeSpan.FromSeconds(liner.TimeoutSeconds), time, stop.Sending);
        }
        catch (OperationCanceledException) when (stop.IsStopped)
        {
            // Stopped before the first row: every row goes in the report as not_sent.
            return;
        }
        catch (HttpRequestException exception)
        {
            throw new UsageException($"cannot reach the Liner API at {liner.DisplayBaseUrl}: {exception.Message}");
        }
        catch (TimeoutException)
        {
            throw new UsageException($"the Liner API at {liner.DisplayBaseUrl} did not answer the health check within {liner.TimeoutSeconds} s");
        }

        switch (answer)
        {
            case { Succeeded: true }:
                log.Debug("Health check passed");
                return;
            case { HttpStatus: 401 or 403 }:
                throw new UsageException($"the Liner API refused the API key (HTTP {answer.HttpStatus}): check {LinerOptions.ApiKeyVariable}");
            case { HttpStatus: 404 }:
                throw new UsageException($"{liner.DisplayBaseUrl}{liner.HealthPath} answered 404: is Liner:BaseUrl the Liner API?");
            default:
                throw new UsageException($"the Liner API at {liner.DisplayBaseUrl} failed its health check (HTTP {answer.HttpStatus}): {answer.Error}");
        }
    }
}
