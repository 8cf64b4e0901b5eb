using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

/// <summary>The comment a moderation page acts on, as the moderator sees it: whatever its status.</summary>
public sealed record ModeratedComment(long Id, string PostTitle, string PostSlug, CommentStatus Status, string AuthorName, string Source, string Html)
{
    public static Task<ModeratedComment?> FindAsync(ForumDb db, long id, CancellationToken ct) =>
        db.Comments.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new ModeratedComment(c.Id, c.Post.Title, c.Post.Slug, c.Status, c.AuthorName, c.Source, c.Html))
            .SingleOrDefaultAsync(ct);
}

public abstract class ModeratedCommentPage : PageModel
{
    public ModeratedComment Comment { get; protected set; } = null!;
}
