using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;

namespace SomeForum.Web.Comments;

/// <summary>
/// <c>/comments/{id}/your-data?token=…</c>: everything the site stores about a guest with one comment, and what
/// this browser remembers of them, with a button that erases it (the comment stays, under "Anonymous"). Reached by
/// a signed link of its own that works for <see cref="CommentOptions.DataLinkDays"/>, longer than the edit window.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class YourDataModel(ForumDb db, GuestLinks links, ThreadChanges changes, CommenterCookies cookies) : PageModel
{
    public GuestComment Comment { get; private set; } = null!;
    public DateTime LinkUntil { get; private set; }
    public GuestRefusal? Refusal { get; private set; }
    public CommenterCookies.Details? Remembered { get; private set; }
    public bool HeldCookie { get; private set; }
    public bool OwnCookie { get; private set; }

    [TempData]
    public bool Erased { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, string? token, CancellationToken ct)
    {
        await OpenAsync(id, token, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? token, CancellationToken ct)
    {
        if (!await OpenAsync(id, token, ct)) return Page();
        var outcome = await changes.AnonymizeAsync(id, Actor.GuestAuthor, ct);
        if (!outcome.Found)
        {
            Refused(GuestRefusal.Gone);
            return Page();
        }
        // What this browser remembers of them goes too.
        cookies.WriteDetails(HttpContext, null);
        Erased = true;
        return LocalRedirect(Site.ForumUrls.GuestData(id, token!));
    }

    private async Task<bool> OpenAsync(long id, string? token, CancellationToken ct)
    {
        var access = await links.OpenAsync(db, GuestLinkKind.Data, id, token, ct);
        if (access.Refusal is { } refusal)
        {
            Refused(refusal);
            return false;
        }
        (Comment, LinkUntil) = (access.Comment!, access.DataLinkUntil!.Value);
        Remembered = cookies.ReadDetails(HttpContext);
        HeldCookie = Request.Cookies.ContainsKey(CommenterCookies.PendingCookie);
        OwnCookie = Request.Cookies.ContainsKey(CommenterCookies.OwnCookie);
        return true;
    }

    private void Refused(GuestRefusal refusal)
    {
        Refusal = refusal;
        Response.StatusCode = refusal.Status;
    }
}
