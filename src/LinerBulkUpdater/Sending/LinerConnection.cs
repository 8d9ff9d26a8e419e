using System.Globalization;
using LinerBulkUpdater.Cli;
using LinerBulkUpdater.Operating;
using Serilog;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// A run's way to Liner, opened on its first need (the custom fields of the header, status names, a live diff, the
/// updates) and only once: the health check, then the sender every request goes through. After a stop, requests in
/// flight get the grace period.
/// </summary>
internal sealed class LinerConnection(AppSettings settings, PreFlight preFlight, PacedRateLimiter limiter, RunStop stop, ILogger log, TimeProvider time) : IDisposable
{
    private HttpClient? _http;

    /// <summary>The sender, once opened; null before.</summary>
    public LeadSender? Sender { get; private set; }

    /// <param name="liner">The settings, checked fit to read (<see cref="PreFlight.CanRead"/>).</param>
    /// <param name="readOnly">A dry run: the log says Liner is read from, not sent to.</param>
    public async Task<LeadSender> OpenAsync(LinerOptions liner, bool readOnly)
    {
        if (Sender is not null)
        {
            return Sender;
        }

        _http = LinerClient.CreateHttpClient(liner, settings.Sending.Concurrency);
        var client = new LinerClient(_http, settings.Liner, log, time);
        await preFlight.CheckApiAsync(client, stop);
        Sender = LeadSender.Create(client, settings.Liner, settings.Sending, limiter, stop, log, time);
        stop.CutAfter(TimeSpan.FromSeconds(settings.Sending.GraceSeconds), time);
        var rps = settings.Sending.Rps == 0 ? "unlimited" : settings.Sending.Rps.ToString(CultureInfo.InvariantCulture);
        if (readOnly)
        {
            log.Information("Reading from {BaseUrl}: at most {Rps} requests/s, {Concurrency} in flight", settings.Liner.DisplayBaseUrl, rps, settings.Sending.Concurrency);
        }
        else
        {
            log.Information(
                "Sending to {BaseUrl}: at most {Rps} requests/s, {Concurrency} in flight, {Attempts} attempts a request",
                settings.Liner.DisplayBaseUrl, rps, settings.Sending.Concurrency, settings.Sending.Attempts);
        }

        return Sender;
    }

    public void Dispose() => _http?.Dispose();
}
