using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using SomeForum.Web.Accounts;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;
using SomeForum.Web.Posts;
using SomeForum.Web.Rendering;
using SomeForum.Web.Site;

namespace SomeForum.Web.Comments;

/// <summary>
/// What the pages that carry the "Leave a Reply" form share: sending a reader's comment through the
/// pipeline, remembering what the reader asked to be remembered, and finding where a comment now is.
/// </summary>
public sealed class CommentFormHandler(
    CommentPipeline pipeline, CommenterCookies cookies, ForumDb db, MarkdownRenderer renderer, SiteSettings settings,
    UserManager<ForumUser> users, TimeProvider clock, Notifications.MailSubscriptions mail)
{
    private ForumUser? account;
    private bool accountLoaded;

    /// <summary>The comment options in force (the page size and depth are site settings).</summary>
    public Task<CommentOptions> OptionsAsync(CancellationToken ct) => settings.CommentsAsync(ct);

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
        post.TakesComments && !(await settings.CurrentAsync(ct)).ClosedByAge(post.PublishedAt, clock.GetUtcNow().UtcDateTime);

    /// <summary>When comments on the post close by age; null when they never do.</summary>
    public async Task<DateTime?> ClosesAtAsync(PostView post, CancellationToken ct) =>
        (await settings.CurrentAsync(ct)).ClosesAt(post.PublishedAt);


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
    /// pipeline. What the page must show is returned, never written into it: the redirect for a stored
    /// comment, or the status, the messages next to their fields, and the binding errors that do not count
    /// (a preview is not a submission; a signed-in reader's name and email come from the account).
    /// </summary>
    public async Task<FormOutcome> HandleAsync(string slug, long postId, CommentInput input, ModelStateDictionary binding,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(binding);
        if (input.IsPreview)
        {
            // A preview is not a submission: only an empty comment is worth a message.
            var text = CommentText.Normalize(CommentKind.Comment, input.Text ?? "");
            if (text.Length == 0) return FormOutcome.Shown(StatusCodes.Status200OK, FormOutcome.AllFields, new FormError(FormError.TextField, "Write a comment to preview it."));
            // What could not be posted is not rendered either: the limit bounds the renderer's work too.
            if ((await OptionsAsync(ct)).LengthProblem(text) is { } tooLong)
            {
                return FormOutcome.Shown(StatusCodes.Status422UnprocessableEntity, FormOutcome.AllFields, new FormError(FormError.TextField, tooLong));
            }
            try
            {
                return FormOutcome.Shown(StatusCodes.Status200OK, FormOutcome.AllFields) with { PreviewHtml = CommentText.Html(renderer, CommentKind.Comment, text) };
            }
            catch (UnrenderableTextException e)
            {
                return FormOutcome.Shown(StatusCodes.Status422UnprocessableEntity, FormOutcome.AllFields, new FormError(FormError.TextField, e.Message));
            }
        }
        var signedIn = await AccountAsync(user);
        // A session of an account suspended a moment ago may not have ended yet: it does not comment either.
        if (signedIn is { SuspendedAt: not null })
        {
            return FormOutcome.Shown(StatusCodes.Status403Forbidden, FormOutcome.AllFields,
                new FormError(FormError.TextField, "This account is suspended: it cannot comment."));
        }
        // The account supplies name, email and website; whatever a forged form says of them is ignored.
        string[] ignored = signedIn is null ? [] : [$"Input.{nameof(CommentInput.Name)}", $"Input.{nameof(CommentInput.Email)}", $"Input.{nameof(CommentInput.Website)}"];
        var invalid = binding.Any(e => e.Value?.ValidationState == ModelValidationState.Invalid && !ignored.Contains(e.Key));
        if (invalid) return FormOutcome.Shown(StatusCodes.Status422UnprocessableEntity, ignored);

        var result = await SubmitAsync(postId, input, signedIn, http, ct);
        if (result.Comment is { } stored)
        {
            return new FormOutcome(await PermalinkAsync(slug, stored, http, ct), null, StatusCodes.Status302Found, [], []);
        }
        var rejection = result.Rejection!;
        return FormOutcome.Shown(rejection.HttpStatus, ignored, new FormError(FieldOf(rejection), rejection.Message));
    }

    private async Task<CommentResult> SubmitAsync(long postId, CommentInput input, ForumUser? signedIn, HttpContext http, CancellationToken ct)
    {
        var result = await pipeline.AddAsync(new CommentSubmission
        {
            PostId = postId,
            ParentId = input.ParentId,
            AuthorName = signedIn is null ? input.Name ?? "" : signedIn.PublicName,
            AuthorEmail = signedIn is null ? input.Email : signedIn.Email,
            AuthorUrl = signedIn is null ? input.Website : signedIn.Website,
            UserId = signedIn?.Id,
            WrittenBefore = signedIn is null ? cookies.ReadAuthored(http) : [],
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
            if (signedIn is null) cookies.AddAuthored(http, comment.Id);
            if (input.NotifyOfReplies) await mail.SubscribeAsync(comment, Notifications.MailLanguage.OfThisRequest(), ct);
            // The guest's own link to edit or delete it shows beside it while the window is open (see GuestLinks).
            if (signedIn is null && (await OptionsAsync(ct)).GuestEditsUntil(comment.ReceivedAt) is { } editable)
            {
                cookies.AddOwn(http, new CommenterCookies.OwnComment(comment.Id, comment.ReceivedAt, editable), clock.GetUtcNow().UtcDateTime);
            }
        }
        return result;
    }

    /// <summary>The address of a comment on the page of the thread that holds it now.</summary>
    public async Task<string> PermalinkAsync(string slug, Comment comment, HttpContext http, CancellationToken ct)
    {
        // A comment just held is the writer's own to see, though its cookie reaches the browser only with this answer.
        IReadOnlyCollection<long> own = comment.Status == CommentStatus.Pending ? [.. OwnPending(http), comment.Id] : OwnPending(http);
        var page = await db.PageOfAsync(comment.PostId, comment.ThreadPath, ReaderOrder.For(http, await OptionsAsync(ct)), own, ct);
        return ForumUrls.Comment(slug, page, comment.Id);
    }

    /// <summary>The form field a refusal is about, or "" for above the form.</summary>
    public static string FieldOf(CommentRejection rejection) => rejection.Field switch
    {
        nameof(CommentSubmission.Text) => FormError.TextField,
        nameof(CommentSubmission.AuthorEmail) => $"Input.{nameof(CommentInput.Email)}",
        _ => "",
    };
}

/// <summary>A message for the form, next to the field it names ("" above the form).</summary>
public sealed record FormError(string Field, string Message)
{
    public const string TextField = $"Input.{nameof(CommentInput.Text)}";
}

/// <summary>
/// What a page does with a posted comment form: redirect to the stored comment, or show the form again
/// with a status, messages, a preview, and the binding errors to forget (<see cref="AllFields"/>: every one).
/// </summary>
public sealed record FormOutcome(string? RedirectUrl, string? PreviewHtml, int Status, IReadOnlyList<FormError> Errors, IReadOnlyList<string> IgnoredFields)
{
    public const string AllFields = "*";

    public static FormOutcome Shown(int status, IReadOnlyList<string> ignored, params FormError[] errors) => new(null, null, status, errors, ignored);

    public static FormOutcome Shown(int status, string ignored, params FormError[] errors) => Shown(status, [ignored], errors);

    /// <summary>Puts the outcome's messages on the page's model state; the page calls it, the handler never touches a page.</summary>
    public void ShowOn(ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (IgnoredFields.Contains(AllFields)) modelState.Clear();
        foreach (var field in IgnoredFields) modelState.Remove(field);
        foreach (var error in Errors) modelState.AddModelError(error.Field, error.Message);
    }
}
