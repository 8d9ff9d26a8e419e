using System.Text.RegularExpressions;

namespace LinerBulkUpdater.Notifying;

/// <summary>
/// Secrets kept out of what is shown: a URL cut to its origin (its user, password, path and query may all be keys),
/// and any text a library made (an exception's message may quote the URL it called) with each secret masked.
/// </summary>
internal static partial class SecretText
{
    public const string Mask = "***";

    /// <summary><c>https://hooks.example.com:8443</c> of <c>https://user:pw@hooks.example.com:8443/T0/B1/xyz?k=1</c>; what does not parse as a URL, masked whole.</summary>
    public static string Origin(string url) =>
        url.Length == 0 ? ""
        : Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) && parsed.Host.Length > 0
            ? parsed.IsDefaultPort ? $"{parsed.Scheme}://{parsed.Host}" : $"{parsed.Scheme}://{parsed.Host}:{parsed.Port}"
            : Scheme().Match(url) is { Success: true } scheme ? scheme.Value + Mask : Mask;

    /// <summary><paramref name="text"/> with every secret in it (and its URL-escaped form) masked.</summary>
    public static string Redact(string text, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets.Where(secret => secret.Length > 0).OrderByDescending(secret => secret.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal).Replace(Uri.EscapeDataString(secret), Mask, StringComparison.Ordinal);
        }

        return text;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial Regex Scheme();
}
