namespace SomeForum.Web.Site;

public static class SafeUrl
{
    /// <summary>Whether a URL someone gave us may become a link: absolute http or https with a host, nothing else.</summary>
    public static bool IsHttp(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo);
}
