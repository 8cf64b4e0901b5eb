using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;

namespace SomeForum.Web.Moderation;

/// <summary>
/// Posts as moderators see them: members' posts awaiting review, the trash, and the switches
/// that open and close comments and pingbacks post by post.
/// </summary>
public sealed class PostsModel(ForumDb db, ThreadChanges changes, TimeProvider clock) : PageModel
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

    /// <summary>The audit log's note: the post by its title, then what was done.</summary>
    private async Task<string?> NoteAsync(long postId, string? note, CancellationToken ct)
    {
        var title = await db.Posts.Where(p => p.Id == postId).Select(p => p.Title).FirstOrDefaultAsync(ct);
        return title is null ? note : $"“{title}”{(note is null ? "" : $": {note}")}";
    }

    public async Task<IActionResult> OnPostSwitchesAsync(long id, bool commentsOpen, bool pingbacksOpen, CancellationToken ct)
    {
        var note = await NoteAsync(id, $"comments {(commentsOpen ? "open" : "closed")}, pingbacks {(pingbacksOpen ? "open" : "closed")}", ct);
        var changed = await changes.ChangePostAsync(id, "Post switches", Actor.Of(User), note, posts => posts.ExecuteUpdateAsync(s => s
            .SetProperty(p => p.CommentsOpen, commentsOpen)
            .SetProperty(p => p.PingbacksOpen, pingbacksOpen)
            .SetProperty(p => p.Version, Guid.NewGuid()), ct), ct);
        if (!changed) return NotFound();
        Message = "Saved.";
        return RedirectToPage();
    }

    /// <summary>Publishes a member's post that waited for review.</summary>
    public async Task<IActionResult> OnPostApproveAsync(long id, Guid version, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Only the version the moderator read is published: an edit made since waits for another look.
        var changed = await changes.ChangePostAsync(id, "Publish post", Actor.Of(User), await NoteAsync(id, "Pending → Published", ct), posts => posts
            .Where(p => p.Status == PostStatus.Pending && p.Version == version)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PostStatus.Published)
                .SetProperty(p => p.PublishedAt, p => p.PublishedAt ?? now)
                .SetProperty(p => p.ModerationReason, (string?)null)
                .SetProperty(p => p.Version, Guid.NewGuid()), ct), ct);
        Message = changed ? "Published." : "That post is not awaiting review, or it changed since you opened this page: look at it again.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTrashAsync(long id, CancellationToken ct)
    {
        await changes.TrashPostAsync(id, Actor.Of(User), await NoteAsync(id, null, ct), ct);
        Message = "Moved to the trash.";
        return RedirectToPage();
    }

    /// <summary>Back from the trash, as it was before (a draft when that is unknown).</summary>
    public async Task<IActionResult> OnPostRestoreAsync(long id, CancellationToken ct)
    {
        await changes.RestorePostAsync(id, Actor.Of(User), await NoteAsync(id, null, ct), ct);
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
        await changes.DeletePostAsync(id, Actor.Of(User), await NoteAsync(id, $"deleted for good with its {comments} comments", ct), ct);
        Message = "Deleted for good.";
        return RedirectToPage();
    }
}
