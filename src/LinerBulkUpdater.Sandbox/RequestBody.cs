using Microsoft.AspNetCore.Http;

namespace LinerBulkUpdater.Sandbox;

/// <summary>Reads a request body whole, as raw bytes, for recording and then parsing.</summary>
internal static class RequestBody
{
    /// <summary>
    /// nginx's default <c>client_max_body_size</c> (1 MiB), which is what an API behind it enforces
    /// unless told otherwise. Also caps what a declared Content-Length can make us allocate.
    /// </summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The body, or null if it is larger than <see cref="MaxBytes"/> (answer 413).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is long declared)
        {
            if (declared > MaxBytes)
            {
                return null;
            }

            if (declared == 0)
            {
                return [];
            }

            // Kestrel ends the body at the declared length, so one exact-size array is enough.
            var body = new byte[declared];
            await request.Body.ReadExactlyAsync(body, cancellationToken);
            return body;
        }

        // Chunked: Kestrel enforces MaxRequestBodySize itself and throws a 413 BadHttpRequestException.
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }
}
