using LinerBulkUpdater.Cli;
using System.Globalization;
using LinerBulkUpdater.Leads;
using Serilog;

namespace LinerBulkUpdater.Sending;

/// <summary>
/// A run's one way to Liner, opened on its first need (the custom fields of the header, the status names, the rows) and
/// only once: the settings checked, the health check, then the sender every request goes through. Its lists are read
/// once whoever asks. After a stop, requests in flight get the grace period.
/// </summary>
/// <param name="writes">Whether the run writes: a dry run that must read says why it reads when Liner cannot be.</param>
internal sealed class LinerConnection(AppSettings settings, bool writes, PacedRateLimiter limiter, RunStop stop, ILogger log, TimeProvider time) : IDisposable
{
    /// <summary>Why a dry run reads Liner: the status column names statuses.</summary>
    public const string ForStatuses = "the file names statuses by code or title, so Liner's status list is read";

    /// <summary>Why a dry run reads Liner: <c>--live-diff</c>.</summary>
    public const string ForLeads = "--live-diff reads each lead from Liner";

    private HttpClient? _http;
    private Task<CustomFields>? _custom;
    private Task<IReadOnlyList<LeadStatus>>? _statuses;

    /// <summary>The sender, once opened; null before.</summary>
    public LeadSender? Sender { get; private set; }

    /// <summary>Null when the settings have what reading Liner needs (a base URL and a key); otherwise what is missing.</summary>
    public string? WhyUnreadable()
    {
        try
        {
            settings.Liner.CheckCanSend();
            return null;
        }
        catch (UsageException exception)
        {
            return exception.Message;
        }
    }

    /// <param name="why">What a dry run reads Liner for (<see cref="ForStatuses"/>, <see cref="ForLeads"/>): said when it cannot.</param>
    /// <exception cref="UsageException">No base URL or key, or the health check refused the URL or the key.</exception>
    public async Task<LeadSender> OpenAsync(string why)
    {
        if (Sender is not null)
        {
            return Sender;
        }

        if (WhyUnreadable() is { } missing)
        {
            throw new UsageException(writes ? missing : $"a dry run writes nothing, but {why}: {missing}");
        }

        // Once: a check opens again after a dry run's first try failed.
        _http ??= LinerClient.CreateHttpClient(settings.Liner, settings.Sending.Concurrency);
        var client = new LinerClient(_http, settings.Liner, log, time);
        await new HealthCheck(settings.Liner, log, time).RunAsync(client, stop);
        Sender = LeadSender.Create(client, settings.Liner, settings.Sending, limiter, stop, log, time);
        stop.CutAfter(TimeSpan.FromSeconds(settings.Sending.GraceSeconds), time);
        var rps = settings.Sending.Rps == 0 ? "unlimited" : settings.Sending.Rps.ToString(CultureInfo.InvariantCulture);
        if (!writes)
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

    /// <summary>Liner's custom fields, read once.</summary>
    /// <exception cref="UsageException">Liner cannot be opened, or the list cannot be read (the run stopped meanwhile included).</exception>
    public Task<CustomFields> CustomFieldsAsync() => _custom ??= ReadCustomFieldsAsync();

    /// <summary>Liner's lead statuses, read once (for a baseline's names first, then the input's).</summary>
    /// <exception cref="UsageException">Liner cannot be opened, or the list cannot be read.</exception>
    public Task<IReadOnlyList<LeadStatus>> StatusesAsync() => _statuses ??= ReadStatusesAsync();

    private async Task<IReadOnlyList<LeadStatus>> ReadStatusesAsync()
    {
        var statuses = await StatusList.ReadAsync(await OpenAsync(ForStatuses), settings.Liner.StatusListPath);
        log.Information("Read Liner's lead statuses: {Count}; the status column's codes and titles are read as their ids", statuses.Count);
        return statuses;
    }

    private async Task<CustomFields> ReadCustomFieldsAsync()
    {
        var custom = await CustomFieldList.ReadAsync(await OpenAsync("custom fields are looked up in Liner"), settings.Liner.CustomFieldListPath);
        log.Information("Read Liner's custom fields: {Leads} of leads, {All} in all", custom.OfLeads.Count(), custom.All.Count);
        return custom;
    }

    public void Dispose() => _http?.Dispose();
}
