using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;

namespace SomeForum.Web.Comments;

/// <summary>
/// <c>/comments/{id}/edit?token=…</c>: a guest edits or deletes their own comment with the signed link they were
/// given on posting, while the edit window is open. The change goes through <see cref="ThreadChanges"/> like a
/// moderator's, but as the reader's: judged by the rules again, and marked edited.
/// </summary>
[CommentRequestLimit]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class EditModel(
    ForumDb db, GuestLinks links, ThreadChanges changes, CommenterCookies cookies, IOptionsMonitor<CommentOptions> options, Site.SiteSettings settings) : PageModel
{
    public GuestComment Comment { get; private set; } = null!;
    public DateTime EditableUntil { get; private set; }
    public string? DataUrl { get; private set; }
    public string? Token { get; private set; }
    public GuestRefusal? Refusal { get; private set; }
    public int MaxLength => options.CurrentValue.MaxLength;

    /// <summary>Set after an edit the rules held: the guest is told, since the page no longer shows it to others.</summary>
    public bool HeldByEdit { get; private set; }

    /// <summary>Set once deleted; true when it stays as an empty placeholder for its replies.</summary>
    public bool? DeletedKeepingPlace { get; private set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public bool ConfirmDelete { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, string? token, CancellationToken ct)
    {
        if (!await OpenAsync(id, token, ct)) return Page();
        Text = Comment.Source;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? token, CancellationToken ct)
    {
        if (!await OpenAsync(id, token, ct)) return Page();
        // What the form offers to post is checked as posting checks it; what was typed stays in the box.
        var text = CommentText.Normalize(CommentKind.Comment, Text ?? "");
        if (text.Length == 0) ModelState.AddModelError(nameof(Text), Site.Strings.Get("Edit.TextRequired"));
        else if (options.CurrentValue.LengthProblem(text) is { } tooLong) ModelState.AddModelError(nameof(Text), tooLong);
        if (!ModelState.IsValid) return Shown(StatusCodes.Status422UnprocessableEntity);

        var before = Comment.Status;
        var outcome = await changes.EditAsync(id, text, CommentOrigin.Reader, Actor.GuestAuthor, ct);
        if (!outcome.Found) return Refused(GuestRefusal.Gone);
        if (outcome.Refused)
        {
            ModelState.AddModelError(nameof(Text), outcome.Problem!);
            return Shown(StatusCodes.Status422UnprocessableEntity);
        }
        if (outcome.Status == CommentStatus.Pending) cookies.AddPending(HttpContext, id);
        if (outcome.Status == CommentStatus.Approved || (outcome.Status == before && before == CommentStatus.Pending))
        {
            IReadOnlyCollection<long> own = [.. cookies.ReadPending(HttpContext), id];
            var page = await db.PageOfAsync(Comment.PostId, Comment.ThreadPath, await settings.CommentsAsync(ct), own, ct);
            return LocalRedirect(Site.ForumUrls.Comment(Comment.PostSlug, page, id));
        }
        // The rules hold it now: say so here, where the guest still is, rather than on a page that no longer shows it to anyone else.
        await OpenAsync(id, token, ct);
        HeldByEdit = true;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, string? token, CancellationToken ct)
    {
        if (!await OpenAsync(id, token, ct)) return Page();
        if (!ConfirmDelete)
        {
            ModelState.AddModelError(nameof(ConfirmDelete), Site.Strings.Get("Edit.ConfirmRequired"));
            Text = Comment.Source;
            return Shown(StatusCodes.Status422UnprocessableEntity);
        }
        var outcome = await changes.EraseAsync(id, Actor.GuestAuthor, "deleted by its writer with their link", ct);
        if (!outcome.Found) return Refused(GuestRefusal.Gone);
        DeletedKeepingPlace = outcome.Status is not null;
        return Page();
    }

    private async Task<bool> OpenAsync(long id, string? token, CancellationToken ct)
    {
        var access = await links.OpenAsync(db, GuestLinkKind.Edit, id, token, ct);
        if (access.Refusal is { } refusal)
        {
            Refused(refusal);
            return false;
        }
        (Comment, EditableUntil, DataUrl, Token) = (access.Comment!, access.EditableUntil!.Value, access.DataUrl, token);
        return true;
    }

    private PageResult Refused(GuestRefusal refusal)
    {
        Refusal = refusal;
        Response.StatusCode = refusal.Status;
        return Page();
    }

    private PageResult Shown(int status)
    {
        Response.StatusCode = status;
        return Page();
    }
}
