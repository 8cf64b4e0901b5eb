using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;

namespace SomeForum.Web.Moderation;

/// <summary>
/// Posts as moderators see them: members' posts awaiting review, the trash, and the switches
/// that open and close comments and pingbacks post by post.
/// </summary>
public sealed class PostsModel(ForumDb db, TimeProvider clock) : PageModel
{
    public sealed record PostRow(long Id, string Title, string Slug, PostStatus Status, bool CommentsOpen, bool PingbacksOpen,
        string? AuthorName, string? Reason, int Comments, Guid Version);

    public IReadOnlyList<PostRow> Items { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await db.Posts.AsNoTracking().OrderByDescending(p => p.Id)
            .Select(p => new PostRow(p.Id, p.Title, p.Slug, p.Status, p.CommentsOpen, p.PingbacksOpen, p.AuthorName, p.ModerationReason, p.Comments.Count(), p.Version))
            .ToListAsync(ct);

    private async Task LogAsync(string action, long postId, string? note, CancellationToken ct)
    {
        var title = await db.Posts.Where(p => p.Id == postId).Select(p => p.Title).FirstOrDefaultAsync(ct);
        AuditLog.Add(db, User, clock.GetUtcNow().UtcDateTime, action, postId, title is null ? note : $"“{title}”{(note is null ? "" : $": {note}")}");
        await db.SaveChangesAsync(ct);
    }

    public async Task<IActionResult> OnPostSwitchesAsync(long id, bool commentsOpen, bool pingbacksOpen, CancellationToken ct)
    {
        var changed = await db.Posts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.CommentsOpen, commentsOpen)
            .SetProperty(p => p.PingbacksOpen, pingbacksOpen)
            .SetProperty(p => p.Version, Guid.NewGuid()), ct);
        if (changed == 0) return NotFound();
        await LogAsync("Post switches", id, $"comments {(commentsOpen ? "open" : "closed")}, pingbacks {(pingbacksOpen ? "open" : "closed")}", ct);
        Message = "Saved.";
        return RedirectToPage();
    }

    /// <summary>Publishes a member's post that waited for review.</summary>
    public async Task<IActionResult> OnPostApproveAsync(long id, Guid version, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Only the version the moderator read is published: an edit made since waits for another look.
        var changed = await db.Posts.Where(p => p.Id == id && p.Status == PostStatus.Pending && p.Version == version).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Status, PostStatus.Published)
            .SetProperty(p => p.PublishedAt, p => p.PublishedAt ?? now)
            .SetProperty(p => p.ModerationReason, (string?)null)
            .SetProperty(p => p.Version, Guid.NewGuid()), ct);
        if (changed > 0) await LogAsync("Publish post", id, "Pending → Published", ct);
        Message = changed == 0 ? "That post is not awaiting review, or it changed since you opened this page: look at it again." : "Published.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTrashAsync(long id, CancellationToken ct)
    {
        if (await PostRemoval.TrashAsync(db, id, ct) > 0) await LogAsync("Trash post", id, null, ct);
        Message = "Moved to the trash.";
        return RedirectToPage();
    }

    /// <summary>Back from the trash, as it was before (a draft when that is unknown).</summary>
    public async Task<IActionResult> OnPostRestoreAsync(long id, CancellationToken ct)
    {
        var restored = await db.Posts.Where(p => p.Id == id && p.Status == PostStatus.Trash).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Status, p => p.StatusBeforeTrash ?? PostStatus.Draft)
            .SetProperty(p => p.StatusBeforeTrash, (PostStatus?)null)
            .SetProperty(p => p.Version, Guid.NewGuid()), ct);
        if (restored > 0) await LogAsync("Restore post", id, null, ct);
        Message = "Restored.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        if (!await db.Posts.AnyAsync(p => p.Id == id && p.Status == PostStatus.Trash, ct))
        {
            Message = "Only a post in the trash can be deleted for good.";
            return RedirectToPage();
        }
        var comments = await db.Comments.CountAsync(c => c.PostId == id, ct);
        await PostRemoval.DeleteForGoodAsync(db, id, ct);
        await LogAsync("Delete post", id, $"deleted for good with its {comments} comments", ct);
        Message = "Deleted for good.";
        return RedirectToPage();
    }
}
