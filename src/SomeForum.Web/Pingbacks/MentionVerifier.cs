using System.Diagnostics;
using System.Text;

namespace SomeForum.Web.Pingbacks;

/// <summary>What a mention's protocol needs to know of a source: the fetch's own outcome says the rest.</summary>
public enum VerificationOutcome
{
    /// <summary>The source links to the target.</summary>
    Linked,
    /// <summary>The source answered, with an HTML page without a link to the target or with something other than HTML.</summary>
    NoLink,
    /// <summary>The source answered 410 Gone.</summary>
    Gone,
    /// <summary>No usable answer: see <see cref="Verification.Fetch"/>.</summary>
    Failed,
}

public sealed record Verification(FetchOutcome Fetch, bool Linked = false, SourcePage? Page = null, int? StatusCode = null)
{
    public VerificationOutcome Outcome => Fetch switch
    {
        FetchOutcome.Fetched => Linked ? VerificationOutcome.Linked : VerificationOutcome.NoLink,
        FetchOutcome.NotHtml => VerificationOutcome.NoLink,
        FetchOutcome.Gone => VerificationOutcome.Gone,
        _ => VerificationOutcome.Failed,
    };

    /// <summary>A failure that may pass by itself (a server error, a timeout, no connection), worth trying again later.</summary>
    public bool MayPass => Fetch is FetchOutcome.TimedOut or FetchOutcome.Unreachable
        || (Fetch == FetchOutcome.HttpError && StatusCode is >= 500 or 429);

    /// <summary>For logs and the queue's record: what was found, the fetch's own word where nothing was.</summary>
    public string Description => Outcome == VerificationOutcome.Failed ? Fetch.ToString() : Outcome.ToString();
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
            logger.Verified(protocol, source.AbsoluteUri, target.AbsoluteUri, caller ?? "unknown", verification.Description,
                (long)clock.GetElapsedTime(started).TotalMilliseconds);
        }
        return verification;
    }

    private async Task<Verification> VerifyCoreAsync(string protocol, Uri source, Uri target, string? caller, CancellationToken ct)
    {
        var fetched = await fetcher.FetchAsync(source, protocol, caller, ct);
        if (fetched.Outcome != FetchOutcome.Fetched) return new Verification(fetched.Outcome, StatusCode: fetched.StatusCode);
        var page = Read(fetched, target);
        return new Verification(FetchOutcome.Fetched, page.LinksToTarget, page, fetched.StatusCode);
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
