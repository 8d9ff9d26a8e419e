using LinerBulkUpdater.Planning;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using LinerBulkUpdater.Leads;
using LinerBulkUpdater.Sandbox;
using LinerBulkUpdater.Sending;
using Microsoft.Extensions.Time.Testing;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace LinerBulkUpdater.Tests.Sending;

/// <summary>
/// Real parts on one fake clock: a sandbox on loopback, a <see cref="LinerClient"/> over a real
/// <see cref="HttpClient"/>, a <see cref="PacedRateLimiter"/>, a <see cref="RunStop"/> and the
/// <see cref="LeadSender"/> they make. Nothing moves the clock but the test.
/// </summary>
internal sealed class SendingRig : IAsyncDisposable
{
    /// <summary>How long a test waits in real time for something that should take milliseconds.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly PacedRateLimiter _limiter;

    private SendingRig(FakeTimeProvider clock, TimerWatch timers, SandboxServer server, HttpClient http, PacedRateLimiter limiter, RunStop stop, LeadSender sender, CapturedLog log)
    {
        Clock = clock;
        Timers = timers;
        Server = server;
        _http = http;
        _limiter = limiter;
        Stop = stop;
        Sender = sender;
        Log = log;
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The same clock as every part sees it: which waits have begun, and whether they have ended.</summary>
    public TimerWatch Timers { get; }

    public SandboxServer Server { get; }

    public RunStop Stop { get; }

    public LeadSender Sender { get; }

    /// <summary>Rows through <see cref="Sender"/> with <paramref name="checks"/> (none: only the update), as a run sends them.</summary>
    public RowSender Rows(RunMode? mode = null, IUndoLog? undo = null) =>
        new(Sender, mode ?? RunMode.Of(dryRun: false, liveDiff: false, undo: false, verify: false, baseline: false), undo, guard: null, new FieldRules(FieldRulesOptions.Default), Stop);

    public CapturedLog Log { get; }

    /// <param name="timeoutSeconds">
    /// Per attempt, on the fake clock. Long by default, so that a test stepping the clock past a back-off
    /// never times out a request that is simply slow in real time on a loaded machine.
    /// </param>
    public static async Task<SendingRig> StartAsync(SandboxOptions? sandbox = null, SendingOptions? sending = null, string apiKey = "k", int timeoutSeconds = 300, int concurrency = 4)
    {
        var clock = new FakeTimeProvider();
        var timers = new TimerWatch(clock);
        var server = await SandboxServer.StartAsync(sandbox ?? new SandboxOptions(), timers);
        var liner = new LinerOptions { BaseUrl = server.BaseUrl.OriginalString, ApiKey = apiKey, TimeoutSeconds = timeoutSeconds };
        sending ??= new SendingOptions { Rps = 0, Attempts = 3, RetryDelayMs = 1000 };
        var log = new CapturedLog();
        var http = LinerClient.CreateHttpClient(liner, concurrency);
        var client = new LinerClient(http, liner, log.Logger, timers);
        var limiter = new PacedRateLimiter(sending.Rps, timers);
        var stop = new RunStop();
        var sender = LeadSender.Create(client, liner, sending, limiter, stop, log.Logger, timers);
        return new SendingRig(clock, timers, server, http, limiter, stop, sender, log);
    }

    /// <summary>Moves the fake clock in <paramref name="step"/>s, a real moment apart, until <paramref name="task"/> is done.</summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan? step = null)
    {
        await DriveAsync((Task)task, step);
        return await task;
    }

    public async Task DriveAsync(Task task, TimeSpan? step = null)
    {
        var real = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            if (real.Elapsed > Patience)
            {
                throw new TimeoutException($"still not done after {Clock.GetUtcNow() - Start} on the fake clock");
            }

            Clock.Advance(step ?? TimeSpan.FromMilliseconds(100));
            await Task.Delay(1);
        }

        await task;
    }

    /// <summary>The fake clock's starting point (FakeTimeProvider's default).</summary>
    public static DateTimeOffset Start { get; } = new FakeTimeProvider().GetUtcNow();

    /// <summary>The update requests the sandbox answered for <paramref name="leadId"/>, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> UpdatesOf(long leadId) => Server.Updates.Where(request => request.LeadId == leadId).ToList();

    /// <summary>The <c>status</c> a request's body set.</summary>
    public static long StatusSent(ReceivedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("status").GetInt64();
    }

    public static LeadUpdate Update(long leadId, long status) => new(leadId, [FieldValue.Of(LeadFields.Status, status)]);

    /// <summary>Polls (in real time) until <paramref name="condition"/> holds.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var real = Stopwatch.StartNew(); !condition(); await Task.Delay(2))
        {
            if (real.Elapsed > Patience)
            {
                throw new TimeoutException($"never happened: {what}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        Stop.Dispose();
        _limiter.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>A Serilog logger at Debug whose events the test can read.</summary>
internal sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public CapturedLog() => Logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    public IReadOnlyList<LogEvent> Events => _events.ToArray();

    /// <summary>The back-offs LeadSender announced ("retrying in ... s"), in order.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays => Events
        .Where(e => e.MessageTemplate.Text.Contains("retrying in", StringComparison.Ordinal))
        .Select(e => TimeSpan.FromSeconds((double)((ScalarValue)e.Properties["Delay"]).Value!))
        .ToList();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>Waits (in real time) for retry number <paramref name="count"/> to be announced, and returns its delay.</summary>
    public async Task<TimeSpan> RetryAnnouncedAsync(int count = 1)
    {
        await SendingRig.UntilAsync(() => RetryDelays.Count >= count, $"retry {count} announced");
        return RetryDelays[count - 1];
    }
}

/// <summary>A report in memory: the rows in the order written, and how it was flushed.</summary>
internal sealed class MemoryReport : IReportWriter
{
    private readonly ConcurrentQueue<RowResult> _rows = new();
    private readonly Func<RowResult, int, Exception?>? _failure;
    private int _writes;

    /// <param name="failure">Given each row and its 1-based write number; an exception it returns is thrown from Write.</param>
    public MemoryReport(Func<RowResult, int, Exception?>? failure = null) => _failure = failure;

    public string Path => "memory";

    public IReadOnlyList<RowResult> Rows => _rows.ToArray();

    public int Flushes { get; private set; }

    public RowResult? Find(int sourceRow) => Rows.SingleOrDefault(row => row.Row.SourceRow == sourceRow);

    public void Write(RowResult result)
    {
        var number = Interlocked.Increment(ref _writes);
        if (_failure?.Invoke(result, number) is { } exception)
        {
            throw exception;
        }

        _rows.Enqueue(result);
    }

    public void Flush() => Flushes++;

    public ValueTask CompleteAsync(RunSummary summary) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
