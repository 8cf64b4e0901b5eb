using Microsoft.AspNetCore.Mvc;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

/// <summary>Deleting for good asks first: the GET is the question, the POST the answer.</summary>
public sealed class DeleteModel(ForumDb db, CommentModerator moderator) : ModeratedCommentPage
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await ModeratedComment.FindAsync(db, id, ct) is not { } comment) return NotFound();
        Comment = comment;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await ModeratedComment.FindAsync(db, id, ct) is not { } comment) return NotFound();
        await moderator.DeleteAsync(id, User, ct);
        TempData["Message"] = $"The comment by {comment.AuthorName} was deleted permanently.";
        return LocalRedirect($"/moderation?Status={comment.Status}");
    }
}
