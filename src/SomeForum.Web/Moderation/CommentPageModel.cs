using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

/// <summary>The comment a moderation page acts on, as the moderator sees it: whatever its status.</summary>
public sealed record ModeratedComment(long Id, string PostTitle, string PostSlug, CommentStatus Status, string AuthorName, string Source, string Html)
{
    /// <summary>A comment a moderator may act on: any status, but not one already erased.</summary>
    public static Task<ModeratedComment?> FindAsync(ForumDb db, long id, CancellationToken ct) =>
        db.Comments.AsNoTracking().Where(c => c.Id == id && c.ErasedAt == null)
            .Select(c => new ModeratedComment(c.Id, c.Post.Title, c.Post.Slug, c.Status, c.AuthorName, c.Source, c.Html))
            .SingleOrDefaultAsync(ct);
}

public abstract class ModeratedCommentPage(ForumDb db) : PageModel
{
    public ModeratedComment Comment { get; private set; } = null!;

    /// <summary>The view of the queue an inline form was sent from, to go back to; anything but a moderation page is ignored.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The queue rows the answer may stand before ("id,next"), from the inline form.</summary>
    [BindProperty]
    public string? Place { get; set; }

    /// <summary>Whether the moderator came from the queue and goes back to it.</summary>
    protected bool FromQueue => ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/moderation", StringComparison.Ordinal);

    /// <summary>Back to the queue the moderator came from (or <paramref name="fallback"/>), saying what was done where they were.</summary>
    protected IActionResult BackToQueue(string message, string fallback)
    {
        QueueNotice.Set(TempData, message, Place is null ? [Comment.Id] : QueueNotice.Numbers(Place));
        var queue = FromQueue ? ReturnUrl!.Split('#')[0] : fallback;
        return LocalRedirect($"{queue}#{Site.ForumUrls.QueueNotice}");
    }

    /// <summary>Loads the comment the page acts on; false when there is none to act on.</summary>
    protected async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await ModeratedComment.FindAsync(db, id, ct) is not { } comment) return false;
        Comment = comment;
        return true;
    }
}
