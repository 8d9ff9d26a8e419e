using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// Decides whether a request misbehaves, once Liner's key and lead-id checks have passed: the
/// request's script first (an entry, "200" included, replaces everything below), then the server's
/// own rate limit (every update and read counts, as Liner's limit counts every call), then one random
/// draw among the shares (for reads only with <see cref="SandboxFaults.OnReads"/>, so turning reads on
/// never shifts the seeded draws of a run that does not ask for it). Built once at start from a copy
/// of the options.
/// </summary>
internal sealed class FaultPlan
{
    private static readonly Fault Random503 =
        Fault.Answer(SandboxAnswer.Refused(StatusCodes.Status503ServiceUnavailable, "sandbox: random 503"));

    private static readonly Fault RandomDrop = Fault.Answer(SandboxAnswer.Drop);

    private readonly FrozenDictionary<long, FaultScript> _updateScripts;
    private readonly FrozenDictionary<long, FaultScript> _readScripts;
    private readonly FaultScript _statusListScript;
    private readonly FaultScript _leadListScript;
    private readonly bool _randomOnReads;
    private readonly TokenBucket? _rateLimit;
    private readonly SlidingWindowLimit? _window;
    private readonly bool _limitSaysRetryAfter;
    private readonly Random? _seeded;
    private readonly Lock _seededLock = new();
    // Upper ends of each share's slice of [0, 1), in draw order.
    private readonly double _below429;
    private readonly double _below5xx;
    private readonly double _belowDrop;
    private readonly double _belowStall;
    private readonly Fault _random429;
    private readonly Fault _randomStall;

    /// <exception cref="ArgumentException">A script is not one (see <see cref="ScriptBook"/>).</exception>
    public FaultPlan(SandboxOptions options, TimeProvider time)
    {
        const string Section = SandboxOptions.SectionName;
        var faults = options.Faults;
        _updateScripts = ScriptBook.PerLead(options.Script, $"{Section}:{nameof(SandboxOptions.Script)}", faults);
        _readScripts = ScriptBook.PerLead(options.ReadScript, $"{Section}:{nameof(SandboxOptions.ReadScript)}", faults);
        _statusListScript = ScriptBook.Single(options.StatusListScript, $"{Section}:{nameof(SandboxOptions.StatusListScript)}", faults);
        _leadListScript = ScriptBook.Single(options.LeadListScript, $"{Section}:{nameof(SandboxOptions.LeadListScript)}", faults);
        _randomOnReads = faults.OnReads;
        _window = faults.RateLimitSchedule is { } schedule ? new SlidingWindowLimit(SlidingWindowLimit.Parse(schedule, out _)!, time) : null;
        _rateLimit = _window is null && faults.RateLimit > 0 ? new TokenBucket(faults.RateLimit, time) : null;
        _limitSaysRetryAfter = faults.RateLimitRetryAfter;
        _seeded = faults.Seed is int seed ? new Random(seed) : null;
        _below429 = faults.Share429;
        _below5xx = _below429 + faults.Share5xx;
        _belowDrop = _below5xx + faults.ShareDrop;
        _belowStall = _belowDrop + faults.ShareStall;
        _random429 = Fault.Answer(SandboxAnswer.Refused(StatusCodes.Status429TooManyRequests, "sandbox: random 429", faults.RetryAfterSeconds));
        _randomStall = Fault.StallFor(faults.StallSeconds);
    }

    /// <summary>For an update of the lead: its <see cref="SandboxOptions.Script"/>.</summary>
    public Fault NextUpdate(long leadId) => Next(_updateScripts.GetValueOrDefault(leadId), random: true);

    /// <summary>For a detail read (v1 or v2) of the lead: its <see cref="SandboxOptions.ReadScript"/>.</summary>
    public Fault NextRead(long leadId) => Next(_readScripts.GetValueOrDefault(leadId), _randomOnReads);

    /// <summary>For a read of the status list: <see cref="SandboxOptions.StatusListScript"/>.</summary>
    public Fault NextStatusList() => Next(_statusListScript, _randomOnReads);

    /// <summary>For a page of the lead list: <see cref="SandboxOptions.LeadListScript"/>.</summary>
    public Fault NextLeadList() => Next(_leadListScript, _randomOnReads);

    private Fault Next(FaultScript? script, bool random)
    {
        if (script?.TryTake() is { } scripted)
        {
            return scripted;
        }

        var retryAfter = 0;
        if ((_window is not null && !_window.TryTake(out retryAfter)) || (_rateLimit is not null && !_rateLimit.TryTake(out retryAfter)))
        {
            return Fault.Answer(_limitSaysRetryAfter
                ? SandboxAnswer.Refused(StatusCodes.Status429TooManyRequests, "sandbox: rate limit exceeded", retryAfter)
                : SandboxAnswer.Refused(StatusCodes.Status429TooManyRequests, "sandbox: rate limit exceeded"));
        }

        if (!random || _belowStall <= 0)
        {
            return Fault.None;
        }

        var draw = Draw();
        return draw < _below429 ? _random429
            : draw < _below5xx ? Random503
            : draw < _belowDrop ? RandomDrop
            : draw < _belowStall ? _randomStall
            : Fault.None;
    }

    private double Draw()
    {
        if (_seeded is null)
        {
            return Random.Shared.NextDouble();
        }

        // A seeded Random is not thread-safe, and requests arrive on many threads.
        lock (_seededLock)
        {
            return _seeded.NextDouble();
        }
    }
}
