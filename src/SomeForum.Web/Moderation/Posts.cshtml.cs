using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;

namespace SomeForum.Web.Moderation;

/// <summary>
/// Posts as moderators see them: members' posts awaiting review, the trash, and the switches
/// that open and close comments and pingbacks post by post. A moderator publishes, trashes, restores and deletes
/// what the rules held for review; others' posts only where <see cref="PostOptions.ModeratorsEditOthersPosts"/> allows.
/// </summary>
public sealed class PostsModel(ForumDb db, ThreadChanges changes, TimeProvider clock, IOptions<PostOptions> options) : PageModel
{
    public sealed record PostRow(long Id, string Title, string Slug, PostStatus Status, bool CommentsOpen, bool PingbacksOpen,
        string? AuthorName, string? Reason, int Comments, Guid Version, string? AuthorId, PostStatus? StatusBeforeTrash);

    private sealed record Target(string Title, string? AuthorId, PostStatus Status, PostStatus? StatusBeforeTrash);

    public IReadOnlyList<PostRow> Items { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await db.Posts.AsNoTracking().OrderByDescending(p => p.Id)
            .Select(p => new PostRow(p.Id, p.Title, p.Slug, p.Status, p.CommentsOpen, p.PingbacksOpen, p.AuthorName, p.ModerationReason, p.Comments.Count(), p.Version,
                p.AuthorId, p.StatusBeforeTrash))
            .ToListAsync(ct);

    /// <summary>What the page offers: only the buttons this moderator may use.</summary>
    public bool MayChangeStatus(PostRow post) => MayChangeStatus(post.AuthorId, post.Status, post.StatusBeforeTrash);

    private Task<Target?> FindAsync(long postId, CancellationToken ct) =>
        db.Posts.AsNoTracking().Where(p => p.Id == postId)
            .Select(p => new Target(p.Title, p.AuthorId, p.Status, p.StatusBeforeTrash)).SingleOrDefaultAsync(ct);

    private bool MayChangeStatus(Target post) => MayChangeStatus(post.AuthorId, post.Status, post.StatusBeforeTrash);

    private bool MayChangeStatus(string? authorId, PostStatus status, PostStatus? statusBeforeTrash) =>
        PostPermissions.CanChangeStatus(User, authorId, status, statusBeforeTrash, options.Value);

    /// <summary>The audit log's note: the post by its title, then what was done.</summary>
    private static string Note(Target post, string note) => $"“{post.Title}”: {note}";

    public async Task<IActionResult> OnPostSwitchesAsync(long id, bool commentsOpen, bool pingbacksOpen, CancellationToken ct)
    {
        // Opening and closing a thread is moderation of its comments, not a change of the post: every moderator's.
        if (await FindAsync(id, ct) is not { } post) return NotFound();
        var note = Note(post, $"comments {(commentsOpen ? "open" : "closed")}, pingbacks {(pingbacksOpen ? "open" : "closed")}");
        var changed = await changes.ChangePostAsync(id, "Post switches", Actor.Of(User), note, posts => posts.ExecuteUpdateAsync(s => s
            .SetProperty(p => p.CommentsOpen, commentsOpen)
            .SetProperty(p => p.PingbacksOpen, pingbacksOpen)
            .SetProperty(p => p.Version, Guid.NewGuid()), ct), ct);
        if (!changed) return NotFound();
        Message = Site.Strings.Get("Moderation.Posts.Saved");
        return RedirectToPage();
    }

    /// <summary>Publishes a member's post that waited for review.</summary>
    public async Task<IActionResult> OnPostApproveAsync(long id, Guid version, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } post) return NotFound();
        if (!MayChangeStatus(post)) return Forbid();
        var now = clock.GetUtcNow().UtcDateTime;
        // Only the version the moderator read is published: an edit made since waits for another look.
        var changed = await changes.ChangePostAsync(id, "Publish post", Actor.Of(User), Note(post, "Pending → Published"), posts => posts
            .Where(p => p.Status == PostStatus.Pending && p.Version == version)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PostStatus.Published)
                .SetProperty(p => p.PublishedAt, p => p.PublishedAt ?? now)
                .SetProperty(p => p.ModerationReason, (string?)null)
                .SetProperty(p => p.Version, Guid.NewGuid()), ct), ct);
        Message = Site.Strings.Get(changed ? "Moderation.Posts.Published" : "Moderation.Posts.NotPending");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTrashAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } post) return NotFound();
        if (!MayChangeStatus(post)) return Forbid();
        await changes.TrashPostAsync(id, Actor.Of(User), Note(post, $"{post.Status} → {PostStatus.Trash}"), ct);
        Message = Site.Strings.Get("Moderation.Posts.Trashed");
        return RedirectToPage();
    }

    /// <summary>Back from the trash, as it was before (a draft when that is unknown).</summary>
    public async Task<IActionResult> OnPostRestoreAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } post) return NotFound();
        if (!MayChangeStatus(post)) return Forbid();
        await changes.RestorePostAsync(id, Actor.Of(User), Note(post, $"{post.Status} → {post.StatusBeforeTrash ?? PostStatus.Draft}"), ct);
        Message = Site.Strings.Get("Moderation.Posts.Restored");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } post) return NotFound();
        if (!MayChangeStatus(post)) return Forbid();
        if (post.Status != PostStatus.Trash)
        {
            Message = Site.Strings.Get("Moderation.Posts.OnlyTrash");
            return RedirectToPage();
        }
        var comments = await db.Comments.CountAsync(c => c.PostId == id, ct);
        await changes.DeletePostAsync(id, Actor.Of(User), Note(post, $"deleted for good with its {comments} comments: {post.Status} → deleted"), ct);
        Message = Site.Strings.Get("Moderation.Posts.Deleted");
        return RedirectToPage();
    }
}
