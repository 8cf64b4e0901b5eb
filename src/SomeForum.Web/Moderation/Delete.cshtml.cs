using Microsoft.AspNetCore.Mvc;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

/// <summary>Deleting for good asks first: the GET is the question, the POST the answer.</summary>
public sealed class DeleteModel(ForumDb db, ThreadChanges changes) : ModeratedCommentPage(db)
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await changes.EraseAsync(id, Actor.Of(User), why: null, ct);
        TempData["Message"] = Site.Strings.Format("Moderation.DeletePage.Deleted", Comment.AuthorName);
        return LocalRedirect(Site.ForumUrls.Queue(Comment.Status));
    }
}
