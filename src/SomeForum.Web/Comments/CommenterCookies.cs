using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using SomeForum.Web.Site;

namespace SomeForum.Web.Comments;

/// <summary>
/// What a guest's browser remembers: their details, only when they ticked the box; which of their comments
/// are awaiting moderation, so that they (and nobody else) see them in place; and which they may still edit,
/// so that the link to do it shows beside them. All are protected: a browser can neither read another's
/// nor forge a list of comments it claims.
/// </summary>
public sealed class CommenterCookies(IDataProtectionProvider protection)
{
    public const string DetailsCookie = "someforum_commenter";
    public const string PendingCookie = "someforum_pending";
    public const string OwnCookie = "someforum_own";
    public const string AuthorCookie = "someforum_author";
    private const int MaxPending = 20;
    private const int MaxAuthored = 20;
    private const int MaxOwn = 20;

    private readonly IDataProtector details = protection.CreateProtector("SomeForum.Comments.CommenterDetails");
    private readonly IDataProtector pending = protection.CreateProtector("SomeForum.Comments.PendingComments");
    private readonly IDataProtector own = protection.CreateProtector("SomeForum.Comments.OwnComments");
    private readonly IDataProtector authored = protection.CreateProtector("SomeForum.Comments.AuthoredComments");

    public sealed record Details(string Name, string Email, string? Website);

    public Details? ReadDetails(HttpContext http) =>
        details.TryUnprotect(http.Request.Cookies[DetailsCookie]) is { } json ? JsonSerializer.Deserialize<Details>(json) : null;

    public void WriteDetails(HttpContext http, Details? remembered)
    {
        if (remembered is null)
        {
            http.Response.Cookies.Delete(DetailsCookie);
            return;
        }
        http.Response.Cookies.Append(DetailsCookie, details.Protect(JsonSerializer.Serialize(remembered)), ReaderCookie.Options(http, TimeSpan.FromDays(365)));
    }

    public IReadOnlyList<long> ReadPending(HttpContext http) => ReadIds(pending, http.Request.Cookies[PendingCookie]);

    public void AddPending(HttpContext http, long commentId) =>
        http.Response.Cookies.Append(PendingCookie, ProtectIds(pending, ReadPending(http), commentId, MaxPending), ReaderCookie.Options(http, TimeSpan.FromDays(30)));

    /// <summary>The last comments this browser wrote as a guest, whatever became of them: what vouches for its next one.</summary>
    public IReadOnlyList<long> ReadAuthored(HttpContext http) => ReadIds(authored, http.Request.Cookies[AuthorCookie]);

    public void AddAuthored(HttpContext http, long commentId) =>
        http.Response.Cookies.Append(AuthorCookie, ProtectIds(authored, ReadAuthored(http), commentId, MaxAuthored), ReaderCookie.Options(http, TimeSpan.FromDays(365)));

    private static List<long> ReadIds(IDataProtector protector, string? cookie) =>
        protector.TryUnprotect(cookie) is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
                .Where(n => n > 0).ToList()
            : [];

    private static string ProtectIds(IDataProtector protector, IEnumerable<long> kept, long added, int most) =>
        protector.Protect(string.Join(',', kept.Append(added).Distinct().TakeLast(most).Select(id => id.ToString(CultureInfo.InvariantCulture))));

    /// <summary>A guest's own comment that is still theirs to edit, and until when.</summary>
    public sealed record OwnComment(long Id, DateTime ReceivedAt, DateTime EditableUntil);

    /// <summary>The guest's comments still open to editing at <paramref name="now"/>.</summary>
    public IReadOnlyList<OwnComment> ReadOwn(HttpContext http, DateTime now)
    {
        if (own.TryUnprotect(http.Request.Cookies[OwnCookie]) is not { } json) return [];
        try
        {
            return JsonSerializer.Deserialize<List<OwnComment>>(json)?.Where(c => c.EditableUntil > now).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Remembers a comment the guest may edit; the cookie lasts as long as the last of them may be.</summary>
    public void AddOwn(HttpContext http, OwnComment comment, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var kept = ReadOwn(http, now).Where(c => c.Id != comment.Id).Append(comment).TakeLast(MaxOwn).ToList();
        http.Response.Cookies.Append(OwnCookie, own.Protect(JsonSerializer.Serialize(kept)), ReaderCookie.Options(http, kept.Max(c => c.EditableUntil) - now));
    }
}
