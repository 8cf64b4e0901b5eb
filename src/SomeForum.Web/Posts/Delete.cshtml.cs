using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;

namespace SomeForum.Web.Posts;

/// <summary>
/// Deleting asks first. A post with comments goes to the trash, from which a moderator can restore it;
/// only a post without comments, or one already in the trash, is deleted for good.
/// </summary>
[Authorize]
public sealed class DeleteModel(ForumDb db, ThreadChanges changes) : PageModel
{
    public string Title { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public int CommentCount { get; private set; }
    public PostStatus Status { get; private set; }

    private async Task<(long Id, string? AuthorId)?> LoadAsync(string slug, CancellationToken ct)
    {
        var post = await db.Posts.AsNoTracking().Where(p => p.Slug == slug)
            .Select(p => new { p.Id, p.Title, p.Slug, p.AuthorId, p.Status, Count = p.Comments.Count() })
            .SingleOrDefaultAsync(ct);
        if (post is null) return null;
        (Title, Slug, CommentCount, Status) = (post.Title, post.Slug, post.Count, post.Status);
        return (post.Id, post.AuthorId);
    }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is not { } post) return NotFound();
        return PostPermissions.CanEdit(User, post.AuthorId) ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is not { } post) return NotFound();
        if (!PostPermissions.CanEdit(User, post.AuthorId)) return Forbid();
        // Deleting for good what is in the trash takes others' comments with it: editors only.
        if (Status == PostStatus.Trash && !PostPermissions.IsEditor(User)) return Forbid();
        if (CommentCount > 0 && Status != PostStatus.Trash)
        {
            await changes.TrashPostAsync(post.Id, Actor.Of(User), $"“{Title}” with its {CommentCount} comments", ct);
            TempData["Message"] = $"“{Title}” is in the trash with its {CommentCount} comments; a moderator can restore it.";
            return LocalRedirect("/");
        }
        await changes.DeletePostAsync(post.Id, Actor.Of(User), $"“{Title}” deleted for good with its {CommentCount} comments", ct);
        TempData["Message"] = $"“{Title}” was deleted.";
        return LocalRedirect("/");
    }
}
