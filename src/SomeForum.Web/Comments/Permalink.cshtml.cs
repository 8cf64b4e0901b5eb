using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;

namespace SomeForum.Web.Comments;

/// <summary><c>/comments/{id}</c>: a stable address for a comment, sent on to the page that holds it now.</summary>
public sealed class PermalinkModel(ForumDb db, CommentFormHandler comments) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var own = comments.OwnPending(HttpContext);
        var comment = await db.Comments.AsNoTracking()
            .Where(c => c.Id == id && (c.Status == CommentStatus.Approved || (c.Status == CommentStatus.Pending && own.Contains(c.Id))))
            .Where(c => c.Post.Status == Posts.PostStatus.Published)
            .Select(c => new { c.PostId, c.ThreadPath, c.Post.Slug })
            .SingleOrDefaultAsync(ct);
        if (comment is null) return NotFound();
        var page = await db.PageOfAsync(comment.PostId, comment.ThreadPath, ReaderOrder.For(HttpContext, await comments.OptionsAsync(ct)), own, ct);
        return LocalRedirect(Site.ForumUrls.Comment(comment.Slug, page, id));
    }
}
