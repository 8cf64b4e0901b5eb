using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Posts;

public sealed class IndexModel(ForumDb db) : PageModel
{
    public IReadOnlyList<PostSummaryView> Posts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Undated posts (imports whose page gave no date) come after every dated one, on every provider.
        Posts = await db.Posts.AsNoTracking()
            .Where(p => p.Status == PostStatus.Published)
            .OrderByDescending(p => p.PublishedAt != null)
            .ThenByDescending(p => p.PublishedAt)
            .ThenByDescending(p => p.Id)
            .Select(p => new PostSummaryView(
                p.Id, p.Slug, p.Title, p.PublishedAt, p.Excerpt,
                p.Comments.Count(c => c.Status == CommentStatus.Approved)))
            .ToListAsync(ct);
    }
}

public sealed record PostSummaryView(long Id, string Slug, string Title, DateTime? PublishedAt, string Excerpt, int CommentCount);
