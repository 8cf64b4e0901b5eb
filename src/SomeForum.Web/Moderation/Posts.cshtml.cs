using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

/// <summary>Opening and closing comments and pingbacks, post by post.</summary>
public sealed class PostsModel(ForumDb db) : PageModel
{
    public sealed record PostSwitches(long Id, string Title, string Slug, bool CommentsOpen, bool PingbacksOpen);

    public IReadOnlyList<PostSwitches> Items { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await db.Posts.AsNoTracking().OrderByDescending(p => p.Id)
            .Select(p => new PostSwitches(p.Id, p.Title, p.Slug, p.CommentsOpen, p.PingbacksOpen)).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(long id, bool commentsOpen, bool pingbacksOpen, CancellationToken ct)
    {
        var changed = await db.Posts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.CommentsOpen, commentsOpen)
            .SetProperty(p => p.PingbacksOpen, pingbacksOpen)
            .SetProperty(p => p.Version, Guid.NewGuid()), ct);
        if (changed == 0) return NotFound();
        Message = "Saved.";
        return RedirectToPage();
    }
}
