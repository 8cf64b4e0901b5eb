using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

public sealed class EditModel(ForumDb db, CommentModerator moderator) : ModeratedCommentPage
{
    [BindProperty]
    [Required(ErrorMessage = "A comment cannot be empty; trash it instead.")]
    [Display(Name = "Comment")]
    public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await ModeratedComment.FindAsync(db, id, ct) is not { } comment) return NotFound();
        Comment = comment;
        Text = comment.Source;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await ModeratedComment.FindAsync(db, id, ct) is not { } comment) return NotFound();
        Comment = comment;
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await moderator.EditAsync(id, Text!, User, ct);
        TempData["Message"] = "Comment saved.";
        return LocalRedirect($"/moderation?Status={comment.Status}#queued-{id}");
    }
}
