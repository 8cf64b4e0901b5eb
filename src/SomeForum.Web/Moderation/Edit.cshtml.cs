using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

public sealed class EditModel(ForumDb db, CommentModerator moderator) : ModeratedCommentPage(db)
{
    [BindProperty]
    [Required(ErrorMessage = "A comment cannot be empty; trash it instead.")]
    [Display(Name = "Comment")]
    public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Text = Comment.Source;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await moderator.EditAsync(id, Text!, User, ct);
        TempData["Message"] = "Comment saved.";
        return LocalRedirect($"/moderation?Status={Comment.Status}#queued-{id}");
    }
}
