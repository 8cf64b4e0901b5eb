using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

public sealed class ReplyModel(ForumDb db, ThreadChanges changes) : ModeratedCommentPage(db)
{
    [BindProperty]
    [Required(ErrorMessage = "Moderation.ReplyPage.Required")]
    [Display(Name = "Moderation.ReplyPage.Label")]
    public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (ModelState.IsValid)
        {
            var result = await changes.ReplyAsModeratorAsync(id, Text!, User, ct);
            if (result.Comment is { } reply)
            {
                if (!FromQueue) return LocalRedirect(Site.ForumUrls.Permalink(reply.Id));
                var done = Comment.Status == CommentStatus.Pending ? "Moderation.ReplyPage.RepliedApproved" : "Moderation.ReplyPage.Replied";
                return BackToQueue(Site.Strings.Format(done, Comment.AuthorName), Site.ForumUrls.Queue(Comment.Status));
            }
            ModelState.AddModelError(nameof(Text), result.Rejection!.Message);
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
