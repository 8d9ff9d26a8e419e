using System.Collections.Frozen;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// Decides whether an update request misbehaves, once Liner's key and lead-id checks have passed:
/// the lead's script first (an entry, "200" included, replaces everything below), then the server's
/// own rate limit, then one random draw among the shares. Built once at start from a copy of the
/// options; a bad script entry throws there, so a typo in settings never waits for its lead.
/// </summary>
internal sealed class FaultPlan
{
    private static readonly Fault Random503 =
        Fault.Answer(SandboxAnswer.Refused(StatusCodes.Status503ServiceUnavailable, "sandbox: random 503"));

    private static readonly Fault RandomDrop = Fault.Answer(SandboxAnswer.Drop);

    private readonly FrozenDictionary<long, LeadScript> _scripts;
    private readonly TokenBucket? _rateLimit;
    private readonly Random? _seeded;
    private readonly Lock _seededLock = new();
    // Upper ends of each share's slice of [0, 1), in draw order.
    private readonly double _below429;
    private readonly double _below5xx;
    private readonly double _belowDrop;
    private readonly double _belowStall;
    private readonly Fault _random429;
    private readonly Fault _randomStall;

    public FaultPlan(SandboxOptions options, TimeProvider time)
    {
        var faults = options.Faults;
        _scripts = ReadScripts(options);
        _rateLimit = faults.RateLimit > 0 ? new TokenBucket(faults.RateLimit, time) : null;
        _seeded = faults.Seed is int seed ? new Random(seed) : null;
        _below429 = faults.Share429;
        _below5xx = _below429 + faults.Share5xx;
        _belowDrop = _below5xx + faults.ShareDrop;
        _belowStall = _belowDrop + faults.ShareStall;
        _random429 = Fault.Answer(SandboxAnswer.Refused(StatusCodes.Status429TooManyRequests, "sandbox: random 429", faults.RetryAfterSeconds));
        _randomStall = Fault.StallFor(faults.StallSeconds);
    }

    public Fault Next(long leadId)
    {
        if (_scripts.TryGetValue(leadId, out var script) && script.TryTake() is { } scripted)
        {
            return scripted;
        }

        if (_rateLimit is not null && !_rateLimit.TryTake(out var retryAfter))
        {
            return Fault.Answer(SandboxAnswer.Refused(StatusCodes.Status429TooManyRequests,
                "sandbox: rate limit exceeded", retryAfter));
        }

        if (_belowStall <= 0)
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

    /// <summary>Errors name the setting as configuration spells it (<c>Sandbox:Script:7:1</c>), and the lead and entry as a person counts them.</summary>
    private static FrozenDictionary<long, LeadScript> ReadScripts(SandboxOptions options)
    {
        const string Setting = $"{SandboxOptions.SectionName}:{nameof(SandboxOptions.Script)}";
        var scripts = new Dictionary<long, LeadScript>();
        foreach (var (key, entries) in options.Script)
        {
            if (!long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var leadId) || leadId <= 0)
            {
                throw new ArgumentException($"{Setting}: \"{key}\" is not a lead id (an integer > 0)", nameof(options));
            }

            var faults = new Fault[entries.Count];
            for (var i = 0; i < entries.Count; i++)
            {
                if (!Fault.TryParse(entries[i], options.Faults, out var fault, out var problem))
                {
                    throw new ArgumentException(
                        $"{Setting}:{key}:{i}: lead {key}, entry {i + 1} \"{entries[i]}\": {problem}", nameof(options));
                }

                faults[i] = fault;
            }

            // "7" and "007" bind as two keys but are one lead: which list wins would be an accident.
            if (!scripts.TryAdd(leadId, new LeadScript(faults)))
            {
                throw new ArgumentException($"{Setting}: lead {leadId} is scripted twice (as \"{key}\" too)", nameof(options));
            }
        }

        return scripts.ToFrozenDictionary();
    }

    /// <summary>One lead's scripted faults, each taken once, in order, even by concurrent requests.</summary>
    private sealed class LeadScript(Fault[] faults)
    {
        private int _taken;

        public Fault? TryTake()
        {
            // Checked first so a used-up script stops counting: the counter can never wrap round.
            if (Volatile.Read(ref _taken) >= faults.Length)
            {
                return null;
            }

            var index = Interlocked.Increment(ref _taken) - 1;
            return index < faults.Length ? faults[index] : null;
        }
    }
}
