using System.Diagnostics.CodeAnalysis;
using System.Threading.RateLimiting;

namespace LinerBulkUpdater.Sending;

/// <summary>A request may start, or may not yet; nothing is handed back when it ends, so one of each serves every caller.</summary>
internal sealed class StartLease(bool acquired) : RateLimitLease
{
    public static readonly StartLease Acquired = new(true);
    public static readonly StartLease Refused = new(false);

    public override bool IsAcquired => acquired;

    public override IEnumerable<string> MetadataNames => [];

    public override bool TryGetMetadata(string metadataName, [NotNullWhen(true)] out object? metadata)
    {
        metadata = null;
        return false;
    }
}
