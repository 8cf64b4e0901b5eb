using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;
using SomeForum.Web.Site;

namespace SomeForum.Web.Posts;

/// <summary>
/// Deleting asks first. A post with comments goes to the trash, from which a moderator can restore it;
/// only a post without comments, or one already in the trash, is deleted for good.
/// </summary>
[Authorize]
public sealed class DeleteModel(ForumDb db, ThreadChanges changes, IOptions<PostOptions> options) : PageModel
{
    public string Title { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public int CommentCount { get; private set; }
    public PostStatus Status { get; private set; }

    private sealed record Deletable(long Id, string? AuthorId, PostStatus? StatusBeforeTrash);

    private async Task<Deletable?> LoadAsync(string slug, CancellationToken ct)
    {
        var post = await db.Posts.AsNoTracking().Where(p => p.Slug == slug)
            .Select(p => new { p.Id, p.Title, p.Slug, p.AuthorId, p.Status, p.StatusBeforeTrash, Count = p.Comments.Count() })
            .SingleOrDefaultAsync(ct);
        if (post is null) return null;
        (Title, Slug, CommentCount, Status) = (post.Title, post.Slug, post.Count, post.Status);
        return new Deletable(post.Id, post.AuthorId, post.StatusBeforeTrash);
    }

    private bool MayDelete(Deletable post) => PostPermissions.CanChangeStatus(User, post.AuthorId, Status, post.StatusBeforeTrash, options.Value);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is not { } post) return NotFound();
        return MayDelete(post) ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is not { } post) return NotFound();
        if (!MayDelete(post)) return Forbid();
        // Deleting for good what is in the trash takes others' comments with it: editors only.
        if (Status == PostStatus.Trash && !PostPermissions.IsEditor(User)) return Forbid();
        if (CommentCount > 0 && Status != PostStatus.Trash)
        {
            await changes.TrashPostAsync(post.Id, Actor.Of(User), $"“{Title}” with its {CommentCount} comments: {Status} → Trash", ct);
            TempData["Message"] = Strings.Format("Editor.Delete.Trashed", Title, Texts.Count(CommentCount, "comment"));
            return LocalRedirect("/");
        }
        await changes.DeletePostAsync(post.Id, Actor.Of(User), $"“{Title}” deleted for good with its {CommentCount} comments: {Status} → deleted", ct);
        TempData["Message"] = Strings.Format("Editor.Delete.Deleted", Title);
        return LocalRedirect("/");
    }
}
