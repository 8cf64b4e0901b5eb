namespace SomeForum.Web.Site;

/// <summary>How every cookie the site keeps in a reader's browser is set: out of scripts' reach, sent back on links
/// from elsewhere but not on their posts, Secure behind HTTPS, and kept without consent (it is what the reader asked for).</summary>
public static class ReaderCookie
{
    public static CookieOptions Options(HttpContext http, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new()
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = lifetime,
        };
    }
}
