using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SomeForum.Web.Accounts;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;
using SomeForum.Web.Posts;
using SomeForum.Web.Rendering;

namespace SomeForum.Web.Comments;

/// <summary>
/// What the pages that carry the "Leave a Reply" form share: sending a reader's comment through the
/// pipeline, remembering what the reader asked to be remembered, and finding where a comment now is.
/// </summary>
public sealed class CommentFormHandler(
    CommentPipeline pipeline, CommenterCookies cookies, ForumDb db, MarkdownRenderer renderer, IOptionsSnapshot<CommentOptions> options,
    UserManager<ForumUser> users, ModerationSettings moderation, TimeProvider clock)
{
    private ForumUser? account;
    private bool accountLoaded;

    public CommentOptions Options => options.Value;

    /// <summary>The signed-in reader's account: they comment under it without retyping their details.</summary>
    public async Task<ForumUser?> AccountAsync(ClaimsPrincipal user)
    {
        if (!accountLoaded)
        {
            account = user.Identity?.IsAuthenticated == true ? await users.GetUserAsync(user) : null;
            accountLoaded = true;
        }
        return account;
    }

    /// <summary>Whether readers may comment on the post now: published, open, and not closed by age.</summary>
    public async Task<bool> TakesCommentsAsync(PostView post, CancellationToken ct) =>
        post.TakesComments && !(await moderation.CurrentAsync(ct)).ClosedByAge(post.PublishedAt, clock.GetUtcNow().UtcDateTime);

    public static string NameOf(ForumUser account) =>
        string.IsNullOrWhiteSpace(account.DisplayName) ? account.UserName ?? "" : account.DisplayName;

    public IReadOnlyList<long> OwnPending(HttpContext http) => cookies.ReadPending(http);

    /// <summary>Fills an empty form with the details the reader asked this browser to remember.</summary>
    public void Prefill(CommentInput input, HttpContext http)
    {
        if (cookies.ReadDetails(http) is not { } remembered) return;
        input.Name ??= remembered.Name;
        input.Email ??= remembered.Email;
        input.Website ??= remembered.Website;
        input.Remember = true;
    }

    /// <summary>
    /// Handles a posted form: a preview is rendered and nothing saved; a comment goes through the
    /// pipeline. Anything refused is put next to its field with the response status set, and the
    /// page shows the form again with everything the reader typed.
    /// </summary>
    public async Task<FormOutcome> HandleAsync(string slug, long postId, CommentInput input, PageModel page, CancellationToken ct)
    {
        if (input.IsPreview)
        {
            // A preview is not a submission: only an empty comment is worth a message.
            page.ModelState.Clear();
            if (string.IsNullOrWhiteSpace(input.Text))
            {
                page.ModelState.AddModelError($"Input.{nameof(CommentInput.Text)}", "Write a comment to preview it.");
                return new FormOutcome(null, null);
            }
            return new FormOutcome(null, renderer.ToHtml(input.Text, TextKind.Comment));
        }
        var signedIn = await AccountAsync(page.User);
        if (signedIn is not null)
        {
            // The account supplies name, email and website; whatever a forged form says of them is ignored.
            foreach (var field in new[] { nameof(CommentInput.Name), nameof(CommentInput.Email), nameof(CommentInput.Website) })
            {
                page.ModelState.Remove($"Input.{field}");
            }
        }
        if (!page.ModelState.IsValid)
        {
            page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return new FormOutcome(null, null);
        }

        var result = await SubmitAsync(postId, input, signedIn, page.HttpContext, ct);
        if (result.Comment is { } stored)
        {
            return new FormOutcome(await PermalinkAsync(slug, stored, page.HttpContext, ct), null);
        }
        Report(page.ModelState, result.Rejection!);
        page.Response.StatusCode = result.Rejection!.HttpStatus;
        return new FormOutcome(null, null);
    }

    private async Task<CommentResult> SubmitAsync(long postId, CommentInput input, ForumUser? signedIn, HttpContext http, CancellationToken ct)
    {
        var result = await pipeline.AddAsync(new CommentSubmission
        {
            PostId = postId,
            ParentId = input.ParentId,
            AuthorName = signedIn is null ? input.Name ?? "" : NameOf(signedIn),
            AuthorEmail = signedIn is null ? input.Email : signedIn.Email,
            AuthorUrl = signedIn is null ? input.Website : signedIn.Website,
            UserId = signedIn?.Id,
            Text = input.Text ?? "",
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = http.Request.Headers.UserAgent.ToString(),
        }, CommentOrigin.Reader, ct);

        if (result.Comment is { } comment)
        {
            if (signedIn is null) cookies.WriteDetails(http, input.Remember
                ? new CommenterCookies.Details(comment.AuthorName, comment.AuthorEmail ?? "", comment.AuthorUrl)
                : null);
            if (comment.Status == CommentStatus.Pending) cookies.AddPending(http, comment.Id);
        }
        return result;
    }

    /// <summary>The address of a comment on the page of the thread that holds it now.</summary>
    public async Task<string> PermalinkAsync(string slug, Comment comment, HttpContext http, CancellationToken ct)
    {
        var page = await db.PageOfAsync(comment.PostId, comment.ThreadPath, Options, [.. OwnPending(http), comment.Id], ct);
        return CommentUrl(slug, page, comment.Id);
    }

    public static string PostUrl(string slug, int page = 1) =>
        page > 1 ? $"/posts/{Uri.EscapeDataString(slug)}?cpage={page}" : $"/posts/{Uri.EscapeDataString(slug)}";

    public static string CommentUrl(string slug, int page, long id) => $"{PostUrl(slug, page)}#comment-{id}";

    /// <summary>Puts the pipeline's refusal next to the field it is about, or above the form.</summary>
    public static void Report(ModelStateDictionary modelState, CommentRejection rejection) =>
        modelState.AddModelError(rejection.Field switch
        {
            nameof(CommentSubmission.Text) => $"Input.{nameof(CommentInput.Text)}",
            nameof(CommentSubmission.AuthorEmail) => $"Input.{nameof(CommentInput.Email)}",
            _ => "",
        }, rejection.Message);
}

/// <summary>Where to go after a stored comment, or the preview to show; neither when the form is shown again with errors.</summary>
public sealed record FormOutcome(string? RedirectUrl, string? PreviewHtml);
