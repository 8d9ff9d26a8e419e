namespace LinerBulkUpdater.Notifying;

/// <summary>One attempt to reach a target, as a value: delivered, or why not and whether another attempt may do better.</summary>
internal sealed record Delivery(bool Delivered, bool Retryable, string Error)
{
    public static readonly Delivery Done = new(true, false, "");

    /// <summary>An HTTP answer that is not a success: busy or down (408, 429, 5xx) is worth another try; anything else is not.</summary>
    public static Delivery Refused(int status, string detail) =>
        new(false, status is 408 or 429 or >= 500, detail.Length > 0 ? $"HTTP {status}: {detail}" : $"HTTP {status}");
}
