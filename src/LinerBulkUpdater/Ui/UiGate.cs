using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace LinerBulkUpdater.Ui;

/// <summary>
/// Who may use the page (docs/reference.md#ui): only a browser that was given the printed address. Every request needs
/// the token, in the URL or in the cookie the URL sets; its Host must be the loopback address and port served (a DNS
/// rebinding page names its own host); a request that changes anything also needs the token in a header, and a body
/// that no plain cross-site form can send (a form cannot set a header, nor a JSON or binary content type).
/// </summary>
internal sealed class UiGate(string token, int port)
{
    /// <summary>The header state-changing requests carry the token in (the page reads it from its own HTML).</summary>
    public const string TokenHeader = "X-Liner-Token";

    private readonly byte[] _token = Encoding.ASCII.GetBytes(token);

    public string Token => token;

    /// <summary>Cookies are kept per host, not per port: each instance its own name, so two pages never share one.</summary>
    public string CookieName => $"liner_ui_{port}";

    public string Authority => $"127.0.0.1:{port}";

    /// <summary>A token of 32 random bytes, URL-safe.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <returns>Null when the request may go on; otherwise the status to answer and why.</returns>
    public (int Status, string Why)? Refusal(HttpRequest request)
    {
        if (!string.Equals(request.Host.Value, Authority, StringComparison.Ordinal))
        {
            return (StatusCodes.Status403Forbidden, $"this page answers only at http://{Authority}/");
        }

        if (!Same(request.Cookies[CookieName]) && !Same(request.Query["token"]))
        {
            return (StatusCodes.Status401Unauthorized, "no token: open the address liner-bulk ui printed (it carries the token)");
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return null;
        }

        if (!Same(request.Headers[TokenHeader]))
        {
            return (StatusCodes.Status403Forbidden, $"a request that changes something needs the {TokenHeader} header");
        }

        if (request.Headers.Origin is [{ } origin] && !string.Equals(origin, $"http://{Authority}", StringComparison.Ordinal))
        {
            return (StatusCodes.Status403Forbidden, "a request from another site");
        }

        // The content types a plain HTML form can send, whatever else it carries.
        var type = request.ContentType ?? "";
        return type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)
            ? (StatusCodes.Status403Forbidden, "a form post")
            : null;
    }

    /// <summary>Whether the URL carried the token: answered by setting the cookie and sending the browser to the bare address.</summary>
    public bool CameWithToken(HttpRequest request) => Same(request.Query["token"]);

    public CookieOptions Cookie => new() { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true };

    private bool Same(string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), _token);
}
