using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Posts;

public sealed class PostModel(ForumDb db) : PageModel
{
    public PostView Post { get; private set; } = null!;
    public IReadOnlyList<CommentNode> Thread { get; private set; } = [];
    public int CommentCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var post = await db.Posts.AsNoTracking()
            .Where(p => p.Slug == slug && p.Status == PostStatus.Published)
            .Select(PostView.Projection)
            .SingleOrDefaultAsync(ct);
        if (post is null) return NotFound();

        Post = post;
        Thread = CommentTree.Build(await db.Comments.ThreadOf(post.Id).ToListAsync(ct));
        CommentCount = CommentTree.CountVisible(Thread);
        return Page();
    }
}

public sealed record PostView(long Id, string Slug, string Title, string Html, string? AuthorName, DateTime? PublishedAt, bool CommentsOpen)
{
    public static readonly System.Linq.Expressions.Expression<Func<Post, PostView>> Projection =
        p => new PostView(p.Id, p.Slug, p.Title, p.Html, p.AuthorName, p.PublishedAt, p.CommentsOpen);
}
