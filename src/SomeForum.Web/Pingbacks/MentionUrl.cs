using SomeForum.Web.Comments;

namespace SomeForum.Web.Pingbacks;

/// <summary>The addresses the receiver takes as a source or target, and their one stored form.</summary>
public static class MentionUrl
{
    /// <summary>An absolute http or https URL with a host and no user info, of a length we store; else null.</summary>
    public static Uri? Parse(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > CommentLimits.UrlLength) return null;
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && IsFetchable(url) ? url : null;
    }

    /// <summary>What the fetcher follows, on the first request and on every redirect.</summary>
    public static bool IsFetchable(Uri url) => Site.SafeUrl.IsHttp(url);

    /// <summary>The form stored as a mention's SourceUrl, so the same page named twice is one source.</summary>
    public static string Stored(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.AbsoluteUri;
    }
}
