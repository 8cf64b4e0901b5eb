using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;
using SomeForum.Web.Site;

namespace SomeForum.Web.Feeds;

/// <summary>
/// Atom feeds: the site's posts, each post's comments, and all recent comments. Only what is published; kept
/// in the guests' page cache like the pages (evicted by the same thread-changed event), with an ETag for 304s.
/// </summary>
public static class FeedsSetup
{
    public const string Posts = "/feed";
    public const string RecentComments = "/comments/feed";
    public const int Size = 30;

    public static string PostComments(string slug) => $"{ForumUrls.Post(slug)}/feed";

    public static WebApplication MapFeeds(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Posts, PostsAsync).CacheOutput(ReaderCache.Policy);
        app.MapGet(RecentComments, RecentCommentsAsync).CacheOutput(ReaderCache.Policy);
        app.MapGet("/posts/{slug}/feed", PostCommentsAsync).CacheOutput(ReaderCache.Policy);
        return app;
    }

    private static async Task<IResult> PostsAsync(HttpContext http, ForumDb db, SiteSettings settings, CancellationToken ct)
    {
        ReaderCache.Tag(http, ReaderCache.Listing);
        var site = await settings.CurrentAsync(ct);
        var root = site.Root(http.Request);
        var posts = await db.Posts.AsNoTracking().Where(p => p.Status == PostStatus.Published)
            .OrderByDescending(p => p.PublishedAt != null).ThenByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Take(Size)
            .Select(p => new { p.Slug, p.Title, p.AuthorName, p.PublishedAt, p.UpdatedAt, p.CreatedAt, p.Html, p.Excerpt })
            .ToListAsync(ct);
        var entries = posts.Select(p => new FeedEntry(root + ForumUrls.Post(p.Slug), p.Title, root + ForumUrls.Post(p.Slug), p.AuthorName,
            Later(p.UpdatedAt, p.PublishedAt ?? p.CreatedAt), p.PublishedAt, p.Html, p.Excerpt)).ToList();
        return Answer(http, AtomFeed.Write(root + Posts, $"{site.Title}: posts", root + Posts, root + "/", entries, Epoch));
    }

    private static async Task<IResult> RecentCommentsAsync(HttpContext http, ForumDb db, SiteSettings settings, CancellationToken ct)
    {
        ReaderCache.Tag(http, ReaderCache.Listing);
        var site = await settings.CurrentAsync(ct);
        var root = site.Root(http.Request);
        var entries = await CommentEntriesAsync(db.Comments.Where(c => c.Post.Status == PostStatus.Published), root, ct);
        return Answer(http, AtomFeed.Write(root + RecentComments, $"{site.Title}: recent comments", root + RecentComments, root + "/", entries, Epoch));
    }

    private static async Task<IResult> PostCommentsAsync(string slug, HttpContext http, ForumDb db, SiteSettings settings, CancellationToken ct)
    {
        var post = await db.Posts.AsNoTracking().Where(p => p.Slug == slug && p.Status == PostStatus.Published)
            .Select(p => new { p.Id, p.Slug, p.Title, p.PublishedAt, p.CreatedAt }).SingleOrDefaultAsync(ct);
        if (post is null) return Results.NotFound();
        ReaderCache.Tag(http, ReaderCache.PostTag(post.Id));
        var site = await settings.CurrentAsync(ct);
        var root = site.Root(http.Request);
        var entries = await CommentEntriesAsync(db.Comments.Where(c => c.PostId == post.Id), root, ct);
        var self = root + PostComments(post.Slug);
        return Answer(http, AtomFeed.Write(self, $"{site.Title}: comments on “{post.Title}”", self, root + ForumUrls.Post(post.Slug), entries,
            post.PublishedAt ?? post.CreatedAt));
    }

    /// <summary>The newest published comments, pingbacks and webmentions, each at its stable permalink.</summary>
    private static async Task<List<FeedEntry>> CommentEntriesAsync(IQueryable<Comment> comments, string root, CancellationToken ct)
    {
        var rows = await comments.AsNoTracking().Where(c => c.Status == CommentStatus.Approved)
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Take(Size)
            .Select(c => new { c.Id, c.Kind, c.AuthorName, c.Html, c.CreatedAt, c.ReceivedAt, c.EditedAt, PostTitle = c.Post.Title })
            .ToListAsync(ct);
        return [.. rows.Select(c => new FeedEntry(
            root + ForumUrls.Permalink(c.Id),
            c.Kind == CommentKind.Comment ? $"{c.AuthorName} on “{c.PostTitle}”" : $"{c.Kind}: {c.AuthorName}",
            root + ForumUrls.Permalink(c.Id),
            c.AuthorName,
            Later(c.EditedAt ?? c.ReceivedAt, c.ReceivedAt),
            c.CreatedAt,
            c.Html))];
    }

    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private static IResult Answer(HttpContext http, byte[] body)
    {
        var etag = AtomFeed.ETag(body);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch.Any(v => v == etag || v == "*")) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(body, "application/atom+xml; charset=utf-8");
    }
}
