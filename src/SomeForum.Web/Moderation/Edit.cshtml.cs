using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

public sealed class EditModel(ForumDb db, ThreadChanges changes) : ModeratedCommentPage(db)
{
    [BindProperty]
    [Required(ErrorMessage = "Moderation.EditPage.Required")]
    [Display(Name = "Moderation.EditPage.Label")]
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
        var outcome = await changes.EditAsync(id, Text!, CommentOrigin.Moderator, Actor.Of(User), ct);
        if (!outcome.Found) return NotFound();
        if (outcome.Refused)
        {
            ModelState.AddModelError(nameof(Text), outcome.Problem!);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return BackToQueue(Site.Strings.Format("Moderation.EditPage.Saved", Comment.AuthorName), Site.ForumUrls.Queue(Comment.Status));
    }
}
