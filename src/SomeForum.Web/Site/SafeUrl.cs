namespace SomeForum.Web.Site;

public static class SafeUrl
{
    /// <summary>Whether a URL someone gave us may become a link: absolute http or https with a host, nothing else.</summary>
    public static bool IsHttp(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsHttp(uri);

    /// <summary>The same rule for a parsed URL; no user info, which could make a link look like it goes elsewhere.</summary>
    public static bool IsHttp(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri
            && uri.Scheme is "http" or "https"
            && !string.IsNullOrEmpty(uri.Host)
            && string.IsNullOrEmpty(uri.UserInfo);
    }
}
