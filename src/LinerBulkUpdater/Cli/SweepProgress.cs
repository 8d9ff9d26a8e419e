using Serilog;

namespace LinerBulkUpdater.Cli;

/// <summary>
/// Progress while the lead list is swept (an export, a <c>--match-by</c> index): leads, pages, pace and time left, from
/// the total Liner gave with the first page; a live line each second on a terminal, a log line every 10 s otherwise.
/// </summary>
internal sealed class SweepProgress
{
    private readonly long _started;
    private readonly TimeProvider _time;
    private long _leads;
    private int _pages;
    private long _total = -1;

    private SweepProgress(TimeProvider time)
    {
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <param name="what">What the leads are being read for: <c>exported</c>, <c>indexed</c>.</param>
    /// <returns>The progress to count into, and the timer that shows it: dispose it when the sweep is over.</returns>
    public static (SweepProgress Progress, ITimer Timer) Start(string what, ILogger log, TimeProvider time, LiveLine? live)
    {
        var progress = new SweepProgress(time);
        var every = TimeSpan.FromSeconds(live is null ? 10 : 1);
        var timer = time.CreateTimer(_ => progress.Show(what, log, live), null, every, every);
        return (progress, timer);
    }

    public long Leads => Interlocked.Read(ref _leads);

    public int Pages => Volatile.Read(ref _pages);

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>A page read, with its leads, and the list's total when Liner gave one.</summary>
    public void Count(int leads, long? total)
    {
        Interlocked.Add(ref _leads, leads);
        Interlocked.Increment(ref _pages);
        if (total is { } known)
        {
            Interlocked.CompareExchange(ref _total, known, -1);
        }
    }

    private void Show(string what, ILogger log, LiveLine? live)
    {
        var leads = Leads;
        var total = Interlocked.Read(ref _total);
        var elapsed = Elapsed.TotalSeconds;
        var rate = leads / Math.Max(elapsed, 0.001);
        var of = total >= 0 ? FormattableString.Invariant($" of {total}") : "";
        var left = total >= 0 && rate > 0 ? FormattableString.Invariant($", about {TimeSpan.FromSeconds(Math.Max(0, total - leads) / rate):hh\\:mm\\:ss} left") : "";
        var text = FormattableString.Invariant($"{leads}{of} leads {what}, {Pages} pages, {Pages / Math.Max(elapsed, 0.001):0.0} pages/s{left}");
        if (live is not null)
        {
            live.Show(text);
        }
        else
        {
            log.Information("Progress: {Text}", text);
        }
    }
}
