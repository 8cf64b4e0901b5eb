using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;

namespace SomeForum.Web.Comments;

/// <summary>
/// Replying without JavaScript: the comment being answered, then the form. (With JavaScript the
/// post page moves its own form under the comment instead.)
/// </summary>
[CommentRequestLimit]
[IgnoreAntiforgeryToken]
[CrossSitePostGuard]
public sealed class ReplyModel(ForumDb db, CommentFormHandler comments) : PageModel
{
    public PostView Post { get; private set; } = null!;
    public ThreadView Thread { get; private set; } = null!;
    public CommentNode Target { get; private set; } = null!;
    public CommentFormView Form { get; private set; } = null!;

    [BindProperty]
    public CommentInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, long commentId, CancellationToken ct)
    {
        comments.Prefill(Input, HttpContext);
        return await ShowAsync(slug, commentId, previewHtml: null, ct);
    }

    public async Task<IActionResult> OnPostAsync(string slug, long commentId, CancellationToken ct)
    {
        if (await db.Posts.FindForReaderAsync(slug, User, ct) is not { } post) return NotFound();
        Input.ParentId = commentId;
        var outcome = await comments.HandleAsync(post.Slug, post.Id, Input, ModelState, User, HttpContext, ct);
        if (outcome.RedirectUrl is { } url) return LocalRedirect(url);
        outcome.ShowOn(ModelState);
        Response.StatusCode = outcome.Status;
        return await ShowAsync(slug, commentId, outcome.PreviewHtml, ct);
    }

    private async Task<IActionResult> ShowAsync(string slug, long commentId, string? previewHtml, CancellationToken ct)
    {
        if (await db.Posts.FindForReaderAsync(slug, User, ct) is not { } post) return NotFound();
        var target = await ThreadQueries.ForReaders(db, db.Comments
                .Where(c => c.Id == commentId && c.PostId == post.Id && c.Status == CommentStatus.Approved && c.Kind == CommentKind.Comment), [])
            .SingleOrDefaultAsync(ct);
        if (target is null) return NotFound();

        var page = await db.PageOfAsync(post.Id, target.ThreadPath, ReaderOrder.For(HttpContext, await comments.OptionsAsync(ct)), comments.OwnPending(HttpContext), ct);
        Post = post;
        Thread = new ThreadView(post.Slug, new ThreadPage([], page, page, 0), CanReply: false, post.AuthorId);
        Target = new CommentNode(target, null, null, []);
        Input.ParentId = commentId;
        var account = await comments.AccountAsync(User);
        Form = new CommentFormView(Input, Site.ForumUrls.Reply(post.Slug, commentId), await comments.TakesCommentsAsync(post, ct),
            (await comments.OptionsAsync(ct)).MaxLength, target.AuthorName, Site.ForumUrls.Comment(post.Slug, page, commentId), previewHtml,
            account?.PublicName, HeadingLevel: 2);
        return Page();
    }
}
