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

    /// <summary>Loads the comment the page acts on; false when there is none to act on.</summary>
    protected async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await ModeratedComment.FindAsync(db, id, ct) is not { } comment) return false;
        Comment = comment;
        return true;
    }
}
