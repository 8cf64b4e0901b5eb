using System.Diagnostics;
using System.Text;

namespace SomeForum.Web.Pingbacks;

public enum VerificationOutcome
{
    /// <summary>The source links to the target.</summary>
    Linked,
    /// <summary>The source is an HTML page without a link to the target.</summary>
    NoLink,
    /// <summary>The source answered 2xx with something other than HTML.</summary>
    NotHtml,
    /// <summary>The source answered 410 Gone.</summary>
    Gone,
    /// <summary>The source answered outside 2xx (404, 500…).</summary>
    HttpError,
    TooManyRedirects,
    /// <summary>The source, or a redirect, is on an address or URL we do not fetch from.</summary>
    Refused,
    TimedOut,
    Unreachable,
}

public sealed record Verification(VerificationOutcome Outcome, SourcePage? Page = null, int? StatusCode = null)
{
    /// <summary>A failure that may pass by itself (a server error, a timeout, no connection), worth trying again later.</summary>
    public bool MayPass => Outcome is VerificationOutcome.TimedOut or VerificationOutcome.Unreachable
        || (Outcome == VerificationOutcome.HttpError && StatusCode is >= 500 or 429);
}

/// <summary>Does the source link to the target? One fetch, one parse, one log line, for pingbacks and webmentions alike.</summary>
public sealed class MentionVerifier(SourceFetcher fetcher, TimeProvider clock, ILogger<MentionVerifier> logger)
{
    public async Task<Verification> VerifyAsync(string protocol, Uri source, Uri target, string? caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var started = clock.GetTimestamp();
        var verification = await VerifyCoreAsync(protocol, source, target, caller, ct);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.Verified(protocol, source.AbsoluteUri, target.AbsoluteUri, caller ?? "unknown", verification.Outcome,
                (long)clock.GetElapsedTime(started).TotalMilliseconds);
        }
        return verification;
    }

    private async Task<Verification> VerifyCoreAsync(string protocol, Uri source, Uri target, string? caller, CancellationToken ct)
    {
        var fetched = await fetcher.FetchAsync(source, protocol, caller, ct);
        switch (fetched.Outcome)
        {
            case FetchOutcome.Fetched:
                var page = Read(fetched, target);
                return new Verification(page.LinksToTarget ? VerificationOutcome.Linked : VerificationOutcome.NoLink, page, fetched.StatusCode);
            case FetchOutcome.NotHtml:
                return new Verification(VerificationOutcome.NotHtml, StatusCode: fetched.StatusCode);
            case FetchOutcome.Gone:
                return new Verification(VerificationOutcome.Gone, StatusCode: fetched.StatusCode);
            case FetchOutcome.HttpError:
                return new Verification(VerificationOutcome.HttpError, StatusCode: fetched.StatusCode);
            case FetchOutcome.TooManyRedirects:
                return new Verification(VerificationOutcome.TooManyRedirects, StatusCode: fetched.StatusCode);
            case FetchOutcome.Refused:
                return new Verification(VerificationOutcome.Refused);
            case FetchOutcome.TimedOut:
                return new Verification(VerificationOutcome.TimedOut);
            default:
                return new Verification(VerificationOutcome.Unreachable);
        }
    }

    /// <summary>The charset the server named, if .NET knows it; otherwise the parser finds it in the page (BOM, meta), UTF-8 failing that.</summary>
    private static SourcePage Read(FetchResult fetched, Uri target)
    {
        var body = fetched.Body ?? [];
        Encoding? encoding = null;
        if (!string.IsNullOrWhiteSpace(fetched.Charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(fetched.Charset.Trim().Trim('"'));
            }
            catch (ArgumentException)
            {
                encoding = null;
            }
        }
        if (encoding is not null) return SourcePage.Read(encoding.GetString(body), fetched.FinalUrl!, target);
        using var stream = new MemoryStream(body, writable: false);
        return SourcePage.Read(stream, fetched.FinalUrl!, target);
    }
}
