using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Posts;

[OutputCache(PolicyName = Site.ReaderCache.Policy, Tags = [Site.ReaderCache.Listing])]
public sealed class IndexModel(ForumDb db, IOptionsMonitor<PostOptions> options) : PageModel
{
    public IReadOnlyList<PostSummaryView> Posts { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasOlder { get; private set; }
    public bool CanStart { get; private set; }

    /// <summary>A message left by the page before (a post deleted), read only when there is one: reading it clears its
    /// cookie, and a response that sets a cookie could not be kept for other readers.</summary>
    public string? Message { get; private set; }

    // ?page=N, not ?p=N: an old WordPress link /?p=ID names a post (Site/WordPressLinks.cs).
    public async Task OnGetAsync([FromQuery(Name = Site.ForumUrls.HomePageQuery)] int? page, CancellationToken ct)
    {
        if (Request.Cookies.ContainsKey(CookieTempDataProvider.CookieName)) Message = TempData["Message"] as string;
        CanStart = PostPermissions.CanStart(User, options.CurrentValue);
        PageNumber = Math.Max(1, page ?? 1);
        var me = PostPermissions.UserId(User);

        // Published posts, and the reader's own drafts and posts awaiting review, marked as such.
        // Undated posts (imports whose page gave no date) come after every dated one, on every provider.
        var rows = await db.Posts.AsNoTracking()
            .Where(p => p.Status == PostStatus.Published
                || (me != null && p.AuthorId == me && (p.Status == PostStatus.Draft || p.Status == PostStatus.Pending)))
            .OrderByDescending(p => p.Status != PostStatus.Published)
            .ThenByDescending(p => p.PublishedAt != null)
            .ThenByDescending(p => p.PublishedAt)
            .ThenByDescending(p => p.Id)
            .Skip((PageNumber - 1) * PostOptions.HomePageSize)
            .Take(PostOptions.HomePageSize + 1)
            .Select(p => new PostSummaryView(
                p.Id, p.Slug, p.Title, p.PublishedAt, p.Excerpt,
                p.CommentCount, p.Status))
            .ToListAsync(ct);
        HasOlder = rows.Count > PostOptions.HomePageSize;
        Posts = rows.Take(PostOptions.HomePageSize).ToList();
        // Only a page's own address is kept (not ?page=abc, ?page=1, or a page past the last).
        if (Request.Query.ContainsKey(Site.ForumUrls.HomePageQuery) && (page is not { } asked || asked <= 1 || Posts.Count == 0))
        {
            Site.ReaderCache.DoNotStore(HttpContext);
        }
    }
}

public sealed record PostSummaryView(long Id, string Slug, string Title, DateTime? PublishedAt, string Excerpt, int CommentCount, PostStatus Status);
