using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace SomeForum.Web.Pingbacks;

public enum FetchOutcome
{
    /// <summary>An HTML page, read (up to the size cap).</summary>
    Fetched,
    /// <summary>A 2xx answer that is not HTML.</summary>
    NotHtml,
    /// <summary>410: the source says it is gone for good.</summary>
    Gone,
    /// <summary>Any other answer outside 2xx.</summary>
    HttpError,
    TooManyRedirects,
    /// <summary>The address, or a URL on the way (a redirect), is not one we fetch from.</summary>
    Refused,
    TimedOut,
    /// <summary>No answer at all: the name does not resolve, the connection fails, the answer is not HTTP.</summary>
    Unreachable,
}

public sealed record FetchResult(FetchOutcome Outcome, Uri? FinalUrl = null, byte[]? Body = null, string? Charset = null, int? StatusCode = null, bool Truncated = false);

/// <summary>
/// Fetches a pingback or webmention source: one GET, redirects followed by hand (each one checked
/// again, at most <see cref="PingbackOptions.MaxRedirects"/>), one deadline for headers and body
/// together, and at most <see cref="PingbackOptions.MaxSourceBytes"/> read after decompression.
/// Every connection goes through <see cref="SourceAddressPolicy"/>.
/// </summary>
public sealed class SourceFetcher(HttpClient http, IOptionsMonitor<PingbackOptions> options)
{
    public const string Product = "SomeForum";

    public static SocketsHttpHandler CreateHandler(SourceAddressPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new SocketsHttpHandler
        {
            ConnectCallback = policy.ConnectAsync,
            AllowAutoRedirect = false,
            // A proxy would be the address connected to, and the policy would judge the proxy.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            MaxResponseHeadersLength = 64,
        };
    }

    public async Task<FetchResult> FetchAsync(Uri source, string protocol, string? caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var settings = options.CurrentValue;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(settings.FetchTimeoutSeconds));
        var url = source;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                if (!MentionUrl.IsFetchable(url)) return new FetchResult(FetchOutcome.Refused);
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                // Whoever receives this can see it was us, on whose behalf, and filter it (WordPress does the same).
                request.Headers.TryAddWithoutValidation("User-Agent",
                    $"{Product}/1.0 (+{protocol} verifier; verifying {protocol.ToLowerInvariant()} from {caller ?? "unknown"})");
                if (caller is not null) request.Headers.TryAddWithoutValidation("X-Pingback-Forwarded-For", caller);
                request.Headers.Accept.ParseAdd("text/html, application/xhtml+xml;q=0.9, */*;q=0.1");

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    if (redirects >= settings.MaxRedirects) return new FetchResult(FetchOutcome.TooManyRedirects, url, StatusCode: status);
                    if (!Uri.TryCreate(url, location, out var next)) return new FetchResult(FetchOutcome.Refused, url, StatusCode: status);
                    url = next;
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.Gone) return new FetchResult(FetchOutcome.Gone, url, StatusCode: status);
                if (!response.IsSuccessStatusCode) return new FetchResult(FetchOutcome.HttpError, url, StatusCode: status);
                if (!IsHtml(response.Content.Headers.ContentType)) return new FetchResult(FetchOutcome.NotHtml, url, StatusCode: status);

                var (body, truncated) = await ReadCappedAsync(response.Content, settings.MaxSourceBytes, deadline.Token);
                return new FetchResult(FetchOutcome.Fetched, url, body, response.Content.Headers.ContentType?.CharSet, status, truncated);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new FetchResult(FetchOutcome.TimedOut, url);
        }
        catch (HttpRequestException e) when (IsRefusal(e))
        {
            return new FetchResult(FetchOutcome.Refused, url);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            return new FetchResult(FetchOutcome.Unreachable, url);
        }
    }

    private static bool IsHtml(MediaTypeHeaderValue? type) =>
        type?.MediaType is { } media
        && (media.Equals("text/html", StringComparison.OrdinalIgnoreCase) || media.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));

    private static bool IsRefusal(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SourceAddressRefusedException) return true;
        }
        return false;
    }

    /// <summary>Reads at most <paramref name="max"/> bytes and leaves the rest unread: a larger page is judged by its beginning.</summary>
    private static async Task<(byte[] Body, bool Truncated)> ReadCappedAsync(HttpContent content, int max, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var body = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (body.Length < max)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, max - body.Length)), ct);
                if (read == 0) return (body.ToArray(), false);
                body.Write(buffer, 0, read);
            }
            // Full: one more byte tells whether anything was left out.
            var more = await stream.ReadAsync(buffer.AsMemory(0, 1), ct);
            return (body.ToArray(), more > 0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
