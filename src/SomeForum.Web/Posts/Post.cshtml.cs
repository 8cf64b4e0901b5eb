using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Posts;

[CommentRequestLimit]
[IgnoreAntiforgeryToken]
[CrossSitePostGuard]
[OutputCache(PolicyName = Site.ReaderCache.Policy)]
public sealed class PostModel(ForumDb db, CommentFormHandler comments, GuestLinks guestLinks) : PageModel
{
    public PostView Post { get; private set; } = null!;
    public ThreadView Thread { get; private set; } = null!;
    public CommentFormView Form { get; private set; } = null!;

    [BindProperty]
    public CommentInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "cpage")] int? commentPage,
        [FromQuery(Name = NewSince.Query)] long? since, CancellationToken ct)
    {
        if (await db.Posts.FindForReaderAsync(slug, User, ct) is not { } post) return NotFound();
        Site.ReaderCache.Tag(HttpContext, Site.ReaderCache.PostTag(post.Id));
        comments.Prefill(Input, HttpContext);
        ReaderOrder.RememberAsked(HttpContext, await comments.OptionsAsync(ct));
        await ShowAsync(post, commentPage, previewHtml: null, ct, since);
        // A page in an order asked for is one reader's choice (and its cookie): never kept for others.
        if (Request.Query.ContainsKey(ReaderOrder.Query)) Site.ReaderCache.DoNotStore(HttpContext);
        // A page marked for one reader's last visit is theirs alone.
        if (Request.Query.ContainsKey(NewSince.Query)) Site.ReaderCache.DoNotStore(HttpContext);
        // Only a page's own address is kept: ?cpage=abc or ?cpage=99999 would otherwise fill the cache with copies.
        if (Request.Query.ContainsKey("cpage") && (commentPage is not { } asked || asked != Thread.Page.Page || asked == 1))
        {
            Site.ReaderCache.DoNotStore(HttpContext);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await db.Posts.FindForReaderAsync(slug, User, ct) is not { } post) return NotFound();
        var outcome = await comments.HandleAsync(post.Slug, post.Id, Input, ModelState, User, HttpContext, ct);
        if (outcome.RedirectUrl is { } url) return LocalRedirect(url);
        outcome.ShowOn(ModelState);
        Response.StatusCode = outcome.Status;

        // Shown again with what was typed; a reply shows the page that holds the comment it answers.
        var page = Input.ParentId is { } parentId
            ? await db.Comments.Where(c => c.Id == parentId && c.PostId == post.Id).Select(c => c.ThreadPath).SingleOrDefaultAsync(ct) is { } path
                ? await db.PageOfAsync(post.Id, path, ReaderOrder.For(HttpContext, await comments.OptionsAsync(ct)), comments.OwnPending(HttpContext), ct)
                : 1
            : (int?)null;
        await ShowAsync(post, page, outcome.PreviewHtml, ct);
        return Page();
    }

    private async Task ShowAsync(PostView post, int? commentPage, string? previewHtml, CancellationToken ct, long? since = null)
    {
        Post = post;
        var options = ReaderOrder.For(HttpContext, await comments.OptionsAsync(ct));
        var threadPage = await db.LoadThreadPageAsync(post.Figures, commentPage, options, comments.OwnPending(HttpContext), ct,
            everyNodeAtHand: since is not null);
        var open = await comments.TakesCommentsAsync(post, ct);
        // A page kept for readers must not offer the form past the moment comments close.
        if (open && await comments.ClosesAtAsync(post, ct) is { } closesAt) Site.ReaderCache.ExpireBy(HttpContext, closesAt);
        Thread = new ThreadView(post.Slug, threadPage, open, post.AuthorId, guestLinks.OffersFor(HttpContext))
        {
            PostId = post.Id,
            Order = options.Order,
            Since = since,
        };
        var replyingTo = Input.ParentId is { } parentId
            ? await db.Comments.Where(c => c.Id == parentId && c.PostId == post.Id && c.Status == CommentStatus.Approved)
                .Select(c => c.AuthorName).SingleOrDefaultAsync(ct)
            : null;
        var account = await comments.AccountAsync(User);
        Form = new CommentFormView(Input, Site.ForumUrls.Post(post.Slug), open, (await comments.OptionsAsync(ct)).MaxLength,
            replyingTo, replyingTo is null ? null : $"{Site.ForumUrls.Post(post.Slug)}#respond", previewHtml,
            account?.PublicName, Unpublished: post.Status != PostStatus.Published);
    }
}

public sealed record PostView(
    long Id, string Slug, string Title, string Html, string? AuthorName, DateTime? PublishedAt, bool CommentsOpen, PostStatus Status, string? AuthorId,
    bool PingbacksOpen, ThreadFigures Figures, string Excerpt)
{
    /// <summary>Readers may comment on a published post whose comments are open.</summary>
    public bool TakesComments => CommentsOpen && Status == PostStatus.Published;

    /// <summary>Other sites may ping a published post whose pingbacks are open (and the page says so).</summary>
    public bool TakesPingbacks => PingbacksOpen && Status == PostStatus.Published;
}

public static class PostQueries
{
    /// <summary>A published post, or a draft or post awaiting review for those who may edit it; otherwise none.</summary>
    public static async Task<PostView?> FindForReaderAsync(this DbSet<Post> posts, string slug, System.Security.Claims.ClaimsPrincipal reader, CancellationToken ct)
    {
        var post = await posts.AsNoTracking()
            .Where(p => p.Slug == slug && p.Status != PostStatus.Trash)
            .Select(p => new PostView(p.Id, p.Slug, p.Title, p.Html, p.AuthorName, p.PublishedAt, p.CommentsOpen, p.Status, p.AuthorId, p.PingbacksOpen,
                new ThreadFigures(p.Id, p.CommentCount, p.ThreadCount), p.Excerpt))
            .SingleOrDefaultAsync(ct);
        return post is null || (post.Status != PostStatus.Published && !PostPermissions.CanSee(reader, post.AuthorId)) ? null : post;
    }
}
