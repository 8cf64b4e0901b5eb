using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Data;
using SomeForum.Web.Hosting;
using SomeForum.Web.Notifications;

namespace SomeForum.Web.Admin;

/// <summary>The delivery log: what was sent, what waits, what failed and why; a failed mail can be tried again.</summary>
public sealed class MailModel(ForumDb db, WorkSignal<MailSender> signal, IOptionsMonitor<MailOptions> options, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public MailStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<OutgoingMail> Items { get; private set; } = [];
    public IReadOnlyDictionary<MailStatus, int> Counts { get; private set; } = new Dictionary<MailStatus, int>();
    public bool HasMore { get; private set; }
    public bool MailEnabled => options.CurrentValue.Enabled;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var mails = db.OutgoingMails.AsNoTracking();
        if (Status is { } status) mails = mails.Where(m => m.Status == status);
        var page = await mails.OrderByDescending(m => m.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasMore = page.Count > PageSize;
        Items = [.. page.Take(PageSize)];
        Counts = await db.OutgoingMails.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    /// <summary>A failed mail goes back in the queue with a fresh set of tries; its last error stays until a try succeeds.</summary>
    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var requeued = await db.OutgoingMails.Where(m => m.Id == id && m.Status == MailStatus.Failed)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MailStatus.Queued).SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptAt, now), ct);
        if (requeued == 0) return NotFound();
        signal.Notify();
        Message = Site.Strings.Format("Admin.Mail.Requeued", id);
        return RedirectToPage(new { Status });
    }
}
