using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

/// <summary>The moderation queue: comments by status, newest first, with actions on one or many.</summary>
public sealed class IndexModel(ForumDb db, ThreadChanges changes) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public CommentStatus Status { get; set; } = CommentStatus.Pending;

    [BindProperty(SupportsGet = true)]
    public long? Post { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public List<long> Ids { get; set; } = [];

    [BindProperty]
    public ModerationAction? BulkAction { get; set; }

    /// <summary>"action:id" from the buttons on one comment.</summary>
    [BindProperty]
    public string? OnOne { get; set; }

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyDictionary<CommentStatus, int> Counts { get; private set; } = new Dictionary<CommentStatus, int>();
    public IReadOnlyList<QueueItem> Items { get; private set; } = [];
    public IReadOnlyList<(long Id, string Title)> Posts { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var counts = await db.Comments.Where(c => c.ErasedAt == null).GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Counts = Enum.GetValues<CommentStatus>().ToDictionary(s => s, s => counts.SingleOrDefault(c => c.Key == s)?.Count ?? 0);
        Posts = (await db.Posts.OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).ToListAsync(ct)).Select(p => (p.Id, p.Title)).ToList();

        var query = db.Comments.AsNoTracking().Where(c => c.Status == Status && c.ErasedAt == null);
        if (Post is { } postId) query = query.Where(c => c.PostId == postId);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim();
            query = query.Where(c => c.AuthorName.Contains(term) || (c.AuthorEmail != null && c.AuthorEmail.Contains(term))
                || (c.IpAddress != null && c.IpAddress.Contains(term)) || c.Source.Contains(term));
        }
        Total = await query.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        var rows = await query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new QueueItem(c.Id, c.PostId, c.Post.Title, c.Post.Slug, c.Kind, c.Status, c.AuthorName, c.AuthorEmail,
                c.AuthorUrl, c.IpAddress, c.Html, c.Source, c.ReceivedAt, c.ModerationReason, c.SourceUrl, c.ParentId))
            .ToListAsync(ct);
        Items = rows;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        (ModerationAction? action, IReadOnlyCollection<long> ids) = OnOne?.Split(':') is [var name, var id]
            && Enum.TryParse<ModerationAction>(name, true, out var one) && long.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var single)
                ? (one, [single])
                : (BulkAction, Ids);
        if (action is null || ids.Count == 0)
        {
            Message = "Choose comments and an action.";
        }
        else
        {
            var changed = await changes.ModerateAsync(ids, action.Value, Actor.Of(User), ct);
            Message = $"{action}: {changed} comment{(changed == 1 ? "" : "s")} changed.";
        }
        return RedirectToPage(new { Status, Post, q = Search, p = PageNumber });
    }

    public static int LinkCount(string html) => ReaderText.CountLinks(html);

    /// <summary>The actions that change a comment in this state, most likely first.</summary>
    public static IReadOnlyList<ModerationAction> ActionsFor(CommentStatus status) => status switch
    {
        CommentStatus.Pending => [ModerationAction.Approve, ModerationAction.Spam, ModerationAction.Trash],
        CommentStatus.Approved => [ModerationAction.Unapprove, ModerationAction.Spam, ModerationAction.Trash],
        CommentStatus.Spam => [ModerationAction.NotSpam, ModerationAction.Trash],
        _ => [ModerationAction.Restore, ModerationAction.Spam],
    };

    public static string Label(ModerationAction action) => action switch
    {
        ModerationAction.NotSpam => "Not spam",
        _ => action.ToString(),
    };
}

public sealed record QueueItem(
    long Id, long PostId, string PostTitle, string PostSlug, CommentKind Kind, CommentStatus Status, string AuthorName, string? AuthorEmail,
    string? AuthorUrl, string? IpAddress, string Html, string Source, DateTime ReceivedAt, string? Reason, string? SourceUrl, long? ParentId);
