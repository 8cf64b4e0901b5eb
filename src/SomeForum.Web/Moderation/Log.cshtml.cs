using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

/// <summary>The audit log, newest first; administrators only.</summary>
public sealed class LogModel(ForumDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ModerationLogEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        Entries = await db.ModerationLog.AsNoTracking().OrderByDescending(e => e.Id).Skip((PageNumber - 1) * 100).Take(100).ToListAsync(ct);
    }
}
