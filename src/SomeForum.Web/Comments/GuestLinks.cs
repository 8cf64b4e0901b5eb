using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;
using SomeForum.Web.Site;

namespace SomeForum.Web.Comments;

public enum GuestLinkKind
{
    /// <summary>Edit or delete the comment, while the edit window is open.</summary>
    Edit,

    /// <summary>See and erase what is stored about its writer, for longer.</summary>
    Data,
}

/// <summary>
/// The signed links that let a guest act on their own comment without an account: one to edit or delete it while
/// the edit window is open, one to see and erase what is stored about them. Each binds the comment's id, the second
/// it was received and when the link ends, signed with Data Protection (the key ring in the database) under a
/// purpose of its own: neither opens another comment, nor the other page, and a changed character breaks it.
/// </summary>
public sealed class GuestLinks(IDataProtectionProvider protection, IOptionsMonitor<CommentOptions> options, TimeProvider clock, CommenterCookies cookies)
{
    private readonly IDataProtector edit = protection.CreateProtector("SomeForum.Comments.GuestEditLink");
    private readonly IDataProtector data = protection.CreateProtector("SomeForum.Comments.GuestDataLink");

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public string EditUrl(long id, DateTime receivedAt, DateTime until) => ForumUrls.GuestEdit(id, Issue(GuestLinkKind.Edit, id, receivedAt, until));

    public string DataUrl(long id, DateTime receivedAt) => ForumUrls.GuestData(id, Issue(GuestLinkKind.Data, id, receivedAt, DataUntil(receivedAt)));

    public DateTime DataUntil(DateTime receivedAt) => receivedAt.AddDays(options.CurrentValue.DataLinkDays);

    /// <summary>The links to show this reader beside their own comments, by id: those their browser remembers.</summary>
    public IReadOnlyDictionary<long, GuestOffer> OffersFor(HttpContext http) => OffersFor(cookies.ReadOwn(http, Now));

    /// <summary>The links to show beside the guest's own comments, by id, while each may still be edited.</summary>
    public IReadOnlyDictionary<long, GuestOffer> OffersFor(IEnumerable<CommenterCookies.OwnComment> own)
    {
        ArgumentNullException.ThrowIfNull(own);
        var offers = new Dictionary<long, GuestOffer>();
        foreach (var comment in own)
        {
            // A window shortened (or turned off) since the comment was posted applies to it too.
            var until = EditUntil(comment.ReceivedAt, comment.EditableUntil);
            if (until is not { } open || open <= Now) continue;
            offers[comment.Id] = new GuestOffer(EditUrl(comment.Id, comment.ReceivedAt, open), open, DataUrl(comment.Id, comment.ReceivedAt));
        }
        return offers;
    }

    public string Issue(GuestLinkKind kind, long id, DateTime receivedAt, DateTime until) =>
        Protector(kind).Protect(string.Create(CultureInfo.InvariantCulture, $"{id}|{Seconds(receivedAt)}|{Seconds(until)}"));

    /// <summary>What a token says, when it is one of ours for this kind of link and this comment; otherwise null.</summary>
    public GuestPass? Read(GuestLinkKind kind, long id, string? token)
    {
        if (token is { Length: > 1000 } || Protector(kind).TryUnprotect(token) is not { } payload) return null;
        var parts = payload.Split('|');
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var tokenId)
            || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var received)
            || !long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var until)
            || tokenId != id)
        {
            return null;
        }
        return new GuestPass(tokenId, received, DateTimeOffset.FromUnixTimeSeconds(until).UtcDateTime);
    }

    /// <summary>
    /// The comment a guest's link opens, or why it does not: a link that is not ours or not for this comment (403),
    /// a comment no longer there (404), or a link whose time is over (410).
    /// </summary>
    public async Task<GuestAccess> OpenAsync(ForumDb db, GuestLinkKind kind, long id, string? token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Read(kind, id, token) is not { } pass) return GuestAccess.Refused(GuestRefusal.NotValid);
        var comment = await db.Comments.AsNoTracking()
            .Where(c => c.Id == id && c.Kind == CommentKind.Comment && c.UserId == null && c.ErasedAt == null)
            .Select(c => new GuestComment(c.Id, c.PostId, c.Post.Slug, c.Post.Title, c.Post.Status, c.Status, c.ThreadPath,
                c.AuthorName, c.AuthorEmail, c.AuthorUrl, c.IpAddress, c.UserAgent, c.CreatedAt, c.ReceivedAt, c.EditedAt, c.Source, c.Html))
            .SingleOrDefaultAsync(ct);
        if (comment is null) return GuestAccess.Refused(GuestRefusal.Gone);
        // The id alone could name another comment in a database restored or rebuilt since.
        if (Seconds(comment.ReceivedAt) != pass.ReceivedAtSeconds) return GuestAccess.Refused(GuestRefusal.NotValid);

        if (kind == GuestLinkKind.Data)
        {
            return pass.Until <= Now ? GuestAccess.Refused(GuestRefusal.DataLinkOver(pass.Until)) : new GuestAccess(comment, null, pass.Until, null);
        }
        var dataUrl = DataUntil(comment.ReceivedAt) > Now ? DataUrl(comment.Id, comment.ReceivedAt) : null;
        var until = EditUntil(comment.ReceivedAt, pass.Until);
        if (until is not { } open || open <= Now)
        {
            return GuestAccess.Refused(GuestRefusal.WindowClosed(options.CurrentValue.EditWindowMinutes, until, dataUrl));
        }
        if (comment.Status == CommentStatus.Trash || comment.PostStatus != PostStatus.Published)
        {
            return GuestAccess.Refused(GuestRefusal.TakenDown(dataUrl));
        }
        return new GuestAccess(comment, open, null, dataUrl);
    }

    /// <summary>The end of a comment's edit window: what its link says, unless the window is shorter now.</summary>
    private DateTime? EditUntil(DateTime receivedAt, DateTime promised) =>
        options.CurrentValue.GuestEditsUntil(Utc(receivedAt)) is { } allowed ? (allowed < promised ? allowed : promised) : null;

    private IDataProtector Protector(GuestLinkKind kind) => kind == GuestLinkKind.Edit ? edit : data;

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    // Seconds: what every provider keeps of a time exactly (PostgreSQL keeps microseconds, .NET ticks).
    private static long Seconds(DateTime value) => new DateTimeOffset(Utc(value)).ToUnixTimeSeconds();
}

/// <summary>What a valid token says: the comment, the second it was received, and when the link ends.</summary>
public sealed record GuestPass(long CommentId, long ReceivedAtSeconds, DateTime Until);

/// <summary>The links beside a guest's own comment.</summary>
public sealed record GuestOffer(string EditUrl, DateTime EditableUntil, string DataUrl);

/// <summary>A guest's comment as their own pages show it, with everything stored about its writer.</summary>
public sealed record GuestComment(
    long Id, long PostId, string PostSlug, string PostTitle, PostStatus PostStatus, CommentStatus Status, string ThreadPath,
    string AuthorName, string? AuthorEmail, string? AuthorUrl, string? IpAddress, string? UserAgent,
    DateTime? CreatedAt, DateTime ReceivedAt, DateTime? EditedAt, string Source, string Html);

/// <summary>The comment a link opens and until when, or why it opens none.</summary>
public sealed record GuestAccess(GuestComment? Comment, DateTime? EditableUntil, DateTime? DataLinkUntil, string? DataUrl, GuestRefusal? Refusal = null)
{
    public static GuestAccess Refused(GuestRefusal refusal) => new(null, null, null, null, refusal);
}

/// <summary>Why a guest's link opens nothing: the status, and what the page says (in the reader's language, so made on each use).</summary>
public sealed record GuestRefusal(int Status, string Heading, string Message, string? DataUrl = null)
{
    public static GuestRefusal NotValid => new(StatusCodes.Status403Forbidden, Strings.Get("Refusal.NotValid.Heading"), Strings.Get("Refusal.NotValid.Text"));

    public static GuestRefusal Gone => new(StatusCodes.Status404NotFound, Strings.Get("Refusal.Gone.Heading"), Strings.Get("Refusal.Gone.Text"));

    public static GuestRefusal WindowClosed(int minutes, DateTime? ended, string? dataUrl) => new(StatusCodes.Status410Gone,
        Strings.Get("Refusal.WindowClosed.Heading"),
        minutes > 0 && ended is { } at
            ? Strings.Format("Refusal.WindowClosed.Text", minutes, Dates.Exact(at))
            : Strings.Get("Refusal.WindowClosed.Never"),
        dataUrl);

    public static GuestRefusal TakenDown(string? dataUrl) => new(StatusCodes.Status410Gone, Strings.Get("Refusal.TakenDown.Heading"),
        Strings.Get("Refusal.TakenDown.Text"), dataUrl);

    public static GuestRefusal DataLinkOver(DateTime ended) => new(StatusCodes.Status410Gone, Strings.Get("Refusal.DataLinkOver.Heading"),
        Strings.Format("Refusal.DataLinkOver.Text", Dates.Exact(ended)));
}
