using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;

namespace SomeForum.Web.Posts;

/// <summary>
/// Deleting asks first. A post with comments goes to the trash, from which a moderator can restore it;
/// only a post without comments, or one already in the trash, is deleted for good.
/// </summary>
[Authorize]
public sealed class DeleteModel(ForumDb db, TimeProvider clock) : PageModel
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
            await PostRemoval.TrashAsync(db, post.Id, ct);
            Moderation.AuditLog.Add(db, User, clock.GetUtcNow().UtcDateTime, "Trash post", post.Id, $"“{Title}” with its {CommentCount} comments");
            await db.SaveChangesAsync(ct);
            TempData["Message"] = $"“{Title}” is in the trash with its {CommentCount} comments; a moderator can restore it.";
            return LocalRedirect("/");
        }
        await PostRemoval.DeleteForGoodAsync(db, post.Id, ct);
        Moderation.AuditLog.Add(db, User, clock.GetUtcNow().UtcDateTime, "Delete post", post.Id, $"“{Title}” deleted for good with its {CommentCount} comments");
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"“{Title}” was deleted.";
        return LocalRedirect("/");
    }
}

public static class PostRemoval
{
    /// <summary>Moves a post to the trash, remembering what it was.</summary>
    public static Task<int> TrashAsync(ForumDb db, long postId, CancellationToken ct) =>
        db.Posts.Where(p => p.Id == postId && p.Status != PostStatus.Trash).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.StatusBeforeTrash, p => p.Status)
            .SetProperty(p => p.Status, PostStatus.Trash)
            .SetProperty(p => p.Version, Guid.NewGuid()), ct);

    /// <summary>Removes a post and its thread; replies go before the comments they answer.</summary>
    public static async Task DeleteForGoodAsync(ForumDb db, long postId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deepest = await db.Comments.Where(c => c.PostId == postId).MaxAsync(c => (int?)c.Depth, ct) ?? -1;
        for (var depth = deepest; depth >= 0; depth--)
        {
            await db.Comments.Where(c => c.PostId == postId && c.Depth == depth).ExecuteDeleteAsync(ct);
        }
        await db.Posts.Where(p => p.Id == postId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
