using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace SomeForum.Web.Comments;

/// <summary>
/// The two things a guest's browser remembers: their details, only when they ticked the box, and
/// which of their comments are awaiting moderation, so that they (and nobody else) see them in place.
/// Both are protected: a browser can neither read another's nor forge a list of held comments.
/// </summary>
public sealed class CommenterCookies(IDataProtectionProvider protection)
{
    public const string DetailsCookie = "someforum_commenter";
    public const string PendingCookie = "someforum_pending";
    private const int MaxPending = 20;

    private readonly IDataProtector details = protection.CreateProtector("SomeForum.Comments.CommenterDetails");
    private readonly IDataProtector pending = protection.CreateProtector("SomeForum.Comments.PendingComments");

    public sealed record Details(string Name, string Email, string? Website);

    public Details? ReadDetails(HttpContext http) =>
        Unprotect(details, http.Request.Cookies[DetailsCookie]) is { } json ? JsonSerializer.Deserialize<Details>(json) : null;

    public void WriteDetails(HttpContext http, Details? remembered)
    {
        if (remembered is null)
        {
            http.Response.Cookies.Delete(DetailsCookie);
            return;
        }
        http.Response.Cookies.Append(DetailsCookie, details.Protect(JsonSerializer.Serialize(remembered)), Options(http, TimeSpan.FromDays(365)));
    }

    public IReadOnlyList<long> ReadPending(HttpContext http) =>
        Unprotect(pending, http.Request.Cookies[PendingCookie]) is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
                .Where(n => n > 0).ToList()
            : [];

    public void AddPending(HttpContext http, long commentId)
    {
        var ids = ReadPending(http).Append(commentId).Distinct().TakeLast(MaxPending);
        http.Response.Cookies.Append(PendingCookie,
            pending.Protect(string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)))),
            Options(http, TimeSpan.FromDays(30)));
    }

    private static CookieOptions Options(HttpContext http, TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
        MaxAge = lifetime,
    };

    private static string? Unprotect(IDataProtector protector, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            return protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // a cookie from an older key or a tampered one is simply forgotten
        }
    }
}
