using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Site;

namespace SomeForum.Web.Moderation;

/// <summary>
/// The moderation queue: comments by status, newest first, with actions on one or many. A form posted by the
/// queue's script (asking for JSON) is handled by the same code and answered with what changed, so the row
/// changes in place; a plain form is answered with the queue again, at the place the moderator was.
/// </summary>
public sealed class IndexModel(ForumDb db, ThreadChanges changes, CommentReports reports) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public CommentStatus Status { get; set; } = CommentStatus.Pending;

    [BindProperty(SupportsGet = true)]
    public long? Post { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>"reported": the comments readers reported, whatever their status, most reported first.</summary>
    [BindProperty(SupportsGet = true, Name = "view")]
    public string? View { get; set; }

    public bool ShowsReported => string.Equals(View, "reported", StringComparison.OrdinalIgnoreCase);

    [BindProperty]
    public List<long> Ids { get; set; } = [];

    /// <summary>The reported view's bulk decision.</summary>
    [BindProperty]
    public ReportDecision? BulkDecision { get; set; }

    [BindProperty]
    public ModerationAction? BulkAction { get; set; }

    /// <summary>"action:id" from the buttons on one comment.</summary>
    [BindProperty]
    public string? OnOne { get; set; }

    /// <summary>The audit log entries an Undo button takes back ("12,13").</summary>
    [BindProperty]
    public string? Undo { get; set; }

    public QueueNotice? Notice { get; private set; }

    public IReadOnlyDictionary<CommentStatus, int> Counts { get; private set; } = new Dictionary<CommentStatus, int>();
    public IReadOnlyList<QueueItem> Items { get; private set; } = [];
    public IReadOnlyList<(long Id, string Title)> Posts { get; private set; } = [];
    public int Total { get; private set; }

    /// <summary>How many comments have reports no moderator has decided on yet.</summary>
    public int ReportedCount { get; private set; }

    /// <summary>This view of the queue, for links and forms that come back to it.</summary>
    public string Here => ShowsReported ? ForumUrls.Reported(Post, Search, PageNumber) : ForumUrls.Queue(Status, Post, Search, PageNumber);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notice = QueueNotice.Take(TempData);
        Counts = await CountsAsync(ct);
        ReportedCount = await ReportedCountAsync(ct);
        Posts = (await db.Posts.OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).ToListAsync(ct)).Select(p => (p.Id, p.Title)).ToList();

        var query = Listed();
        Total = await query.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        Items = await query.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new QueueItem(c.Id, c.PostId, c.Post.Title, c.Post.Slug, c.Kind, c.Status, c.AuthorName, c.AuthorEmail,
                c.AuthorUrl, c.IpAddress, c.Html, c.Source, c.ReceivedAt, c.ModerationReason, c.SourceUrl, c.ParentId,
                c.Parent != null ? c.Parent.AuthorName : null))
            .ToListAsync(ct);
        if (ShowsReported)
        {
            var open = await reports.OpenAsync([.. Items.Select(i => i.Id)], ct);
            Items = [.. Items.Select(i => i with { Reports = open.GetValueOrDefault(i.Id) })];
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var undo = Numbers(Undo);
        if (ShowsReported && undo.Count == 0) return await DecideAsync(ct);
        (ModerationAction? action, IReadOnlyCollection<long> ids) = OnOne?.Split(':') is [var name, var id]
            && Enum.TryParse<ModerationAction>(name, true, out var one) && long.TryParse(id, CultureInfo.InvariantCulture, out var single)
                ? (one, [single])
                : (BulkAction, Ids);
        if (undo.Count == 0 && (action is null || ids.Count == 0))
        {
            var problem = Strings.Get("Moderation.ChooseCommentsAndAction");
            if (AsksForJson) return new JsonResult(new { message = problem }) { StatusCode = StatusCodes.Status400BadRequest };
            QueueNotice.Set(TempData, problem);
            return Redirect(Here);
        }

        // The rows as the moderator saw them, read before the change, so that a plain form's answer comes back to the
        // same place in the list (the script keeps its place itself; an Undo returns to the rows it brought back).
        IReadOnlyList<long> rows = AsksForJson || undo.Count > 0
            ? []
            : await Listed().Skip((Math.Max(1, PageNumber) - 1) * PageSize).Take(PageSize).Select(c => c.Id).ToListAsync(ct);
        var actor = Actor.Of(User);
        IReadOnlyList<StatusChange> changed;
        string message;
        if (undo.Count > 0)
        {
            changed = await changes.UndoAsync(undo, actor, ct);
            message = Undone(changed);
        }
        else
        {
            changed = await changes.ModerateEachAsync(ids, action!.Value, actor, ct);
            message = Done(action.Value, changed);
        }

        if (AsksForJson)
        {
            return new JsonResult(new
            {
                message,
                changes = changed.Select(c => new
                {
                    id = c.CommentId,
                    before = c.Before.ToString(),
                    after = c.After.ToString(),
                    undo = undo.Count > 0 ? (long?)null : c.LogEntryId,
                    text = undo.Count > 0 ? Undone([c]) : Done(action!.Value, [c]),
                }),
                counts = await CountsForScriptAsync(ct),
            });
        }

        var place = undo.Count > 0 ? changed.Select(c => c.CommentId) : After(rows, ids);
        QueueNotice.Set(TempData, message, place, undo.Count > 0 ? [] : changed.Select(c => c.LogEntryId));
        return Redirect($"{Here}#{ForumUrls.QueueNotice}");
    }

    /// <summary>
    /// A decision on reported comments: dismissed (kept as they are), approved, marked spam or trashed, their reports
    /// closed. The status changes can be undone like any other; the reports stay closed.
    /// </summary>
    private async Task<IActionResult> DecideAsync(CancellationToken ct)
    {
        (ReportDecision? decision, IReadOnlyCollection<long> ids) = OnOne?.Split(':') is [var name, var id]
            && Enum.TryParse<ReportDecision>(name, true, out var one) && long.TryParse(id, CultureInfo.InvariantCulture, out var single)
                ? (one, [single])
                : (BulkDecision, Ids);
        if (decision is not { } chosen || ids.Count == 0)
        {
            var problem = Strings.Get("Moderation.ChooseCommentsAndDecision");
            if (AsksForJson) return new JsonResult(new { message = problem }) { StatusCode = StatusCodes.Status400BadRequest };
            QueueNotice.Set(TempData, problem);
            return Redirect(Here);
        }
        IReadOnlyList<long> rows = AsksForJson ? [] : await Listed().Skip((Math.Max(1, PageNumber) - 1) * PageSize).Take(PageSize).Select(c => c.Id).ToListAsync(ct);
        var decided = await reports.DecideAsync(ids, chosen, Actor.Of(User), ct);
        var message = Decided(chosen, decided);
        if (AsksForJson)
        {
            return new JsonResult(new
            {
                message,
                changes = decided.Select(d => new
                {
                    id = d.CommentId,
                    before = d.Change?.Before.ToString(),
                    after = d.Change?.After.ToString(),
                    undo = d.Change?.LogEntryId,
                    text = Decided(chosen, [d]),
                }),
                counts = await CountsForScriptAsync(ct),
            });
        }
        QueueNotice.Set(TempData, message, After(rows, ids), decided.Where(d => d.Change is not null).Select(d => d.Change!.LogEntryId));
        return Redirect($"{Here}#{ForumUrls.QueueNotice}");
    }

    public static string Decided(ReportDecision decision, IReadOnlyList<ReportResolution> decided)
    {
        if (decided.Count == 0) return Strings.Get("Moderation.Decided.Nothing");
        var reportCount = decided.Sum(d => d.Reports);
        var reportWords = reportCount == 1 ? Strings.Get("Moderation.Decided.ItsReport") : Strings.Format("Moderation.Decided.Reports", reportCount);
        var known = Enum.IsDefined(decision) ? decision : ReportDecision.Trash;
        return decided.Count == 1
            ? Strings.Format($"Moderation.Decided.{known}.One", decided[0].AuthorName.Length == 0 ? Strings.Get("Moderation.Someone") : decided[0].AuthorName, reportWords)
            : Strings.Format($"Moderation.Decided.{known}.Many", decided.Count, reportWords);
    }

    /// <summary>The decisions on a reported comment, most likely first.</summary>
    public static IReadOnlyList<ReportDecision> Decisions => [ReportDecision.Dismiss, ReportDecision.Approve, ReportDecision.Spam, ReportDecision.Trash];

    public static string Label(ReportDecision decision) => Strings.Get($"Moderation.Decision.{decision}");

    public static string StatusName(CommentStatus status) => Strings.Get($"Moderation.Status.{status}");

    /// <summary>The tabs' counts as the queue's script updates them: each status, and the reported view.</summary>
    private async Task<Dictionary<string, int>> CountsForScriptAsync(CancellationToken ct)
    {
        var counts = (await CountsAsync(ct)).ToDictionary(c => c.Key.ToString(), c => c.Value);
        counts["Reported"] = await ReportedCountAsync(ct);
        return counts;
    }

    private Task<int> ReportedCountAsync(CancellationToken ct) =>
        db.Reports.Where(r => r.ResolvedAt == null).Select(r => r.CommentId).Distinct().CountAsync(ct);

    /// <summary>Whether the queue's script sent the form and wants to hear what changed, not the page again.</summary>
    private bool AsksForJson => Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    private IQueryable<Comment> Listed()
    {
        var query = ShowsReported
            ? db.Comments.AsNoTracking().Where(c => c.ErasedAt == null && db.Reports.Any(r => r.CommentId == c.Id && r.ResolvedAt == null))
            : db.Comments.AsNoTracking().Where(c => c.Status == Status && c.ErasedAt == null);
        if (Post is { } postId) query = query.Where(c => c.PostId == postId);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim();
            query = query.Where(c => c.AuthorName.Contains(term) || (c.AuthorEmail != null && c.AuthorEmail.Contains(term))
                || (c.IpAddress != null && c.IpAddress.Contains(term)) || c.Source.Contains(term));
        }
        return ShowsReported
            ? query.OrderByDescending(c => db.Reports.Count(r => r.CommentId == c.Id && r.ResolvedAt == null)).ThenByDescending(c => c.Id)
            : query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id);
    }

    private async Task<IReadOnlyDictionary<CommentStatus, int>> CountsAsync(CancellationToken ct)
    {
        var counts = await db.Comments.Where(c => c.ErasedAt == null).GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<CommentStatus>().ToDictionary(s => s, s => counts.SingleOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    /// <summary>
    /// The rows below the last one acted on, then the list's end (<see cref="QueueNotice.End"/>): the first of them still
    /// listed is where the moderator goes on.
    /// </summary>
    private static IEnumerable<long> After(IReadOnlyList<long> rows, IReadOnlyCollection<long> acted)
    {
        var last = rows.Select((id, index) => (id, index)).LastOrDefault(r => acted.Contains(r.id), (0, -1)).Item2;
        return last < 0 ? [] : [.. rows.Skip(last + 1).Where(id => !acted.Contains(id)), QueueNotice.End];
    }

    private static List<long> Numbers(string? list) => [.. QueueNotice.Numbers(list).Where(id => id > 0).Take(PageSize)];

    public static int LinkCount(string html) => ReaderText.CountLinks(html);

    /// <summary>The actions that change a comment in this state, most likely first.</summary>
    public static IReadOnlyList<ModerationAction> ActionsFor(CommentStatus status) => status switch
    {
        CommentStatus.Pending => [ModerationAction.Approve, ModerationAction.Spam, ModerationAction.Trash],
        CommentStatus.Approved => [ModerationAction.Unapprove, ModerationAction.Spam, ModerationAction.Trash],
        CommentStatus.Spam => [ModerationAction.NotSpam, ModerationAction.Trash],
        _ => [ModerationAction.Restore, ModerationAction.Spam],
    };

    public static string Label(ModerationAction action) => Strings.Get($"Moderation.Action.{action}");

    /// <summary>How a button looks: approving (or bringing back) is the usual answer, spam a warning, the rest plain.</summary>
    public static string Tone(ModerationAction action) => action switch
    {
        ModerationAction.Approve or ModerationAction.NotSpam or ModerationAction.Restore => "primary",
        ModerationAction.Spam => "warning",
        _ => "secondary",
    };

    /// <summary>What was done, naming whose comments: "Approved the comment by Ann."</summary>
    public static string Done(ModerationAction action, IReadOnlyList<StatusChange> changed)
    {
        // A sentence per action and number: the verb's place differs between languages.
        var known = Enum.IsDefined(action) ? action : ModerationAction.Restore;
        return changed.Count switch
        {
            0 => Strings.Get("Moderation.Done.Nothing"),
            1 => Strings.Format($"Moderation.Done.{known}.One", Name(changed[0])),
            _ => Strings.Format($"Moderation.Done.{known}.Many", changed.Count, Names(changed)),
        };
    }

    public static string Undone(IReadOnlyList<StatusChange> changed) => changed.Count switch
    {
        0 => Strings.Get("Moderation.Undone.Nothing"),
        1 => Strings.Format("Moderation.Undone.One", Name(changed[0]), Word(changed[0].After)),
        _ => Strings.Format("Moderation.Undone.Many", changed.Count, Names(changed)),
    };

    public static string Word(CommentStatus status) => Strings.Get($"Moderation.State.{status}");

    private static string Name(StatusChange change) => change.AuthorName.Length == 0 ? Strings.Get("Moderation.Someone") : change.AuthorName;

    private static string Names(IReadOnlyList<StatusChange> changed)
    {
        var names = changed.Select(Name).Distinct().ToList();
        return names.Count switch
        {
            1 => names[0],
            <= 5 => Strings.Format("Moderation.Names.And", string.Join(", ", names[..^1]), names[^1]),
            _ => Strings.Format("Moderation.Names.Others", string.Join(", ", names[..4]), names.Count - 4),
        };
    }
}

public sealed record QueueItem(
    long Id, long PostId, string PostTitle, string PostSlug, CommentKind Kind, CommentStatus Status, string AuthorName, string? AuthorEmail,
    string? AuthorUrl, string? IpAddress, string Html, string Source, DateTime ReceivedAt, string? Reason, string? SourceUrl, long? ParentId,
    string? ParentAuthor)
{
    /// <summary>In the reported view: the comment's open reports.</summary>
    public ReportSummary? Reports { get; init; }
}

/// <summary>
/// What the queue says after an action, kept for the next page view: the message, the rows it may stand before (the
/// first of them still listed is where it shows, so the moderator carries on where they were), and the audit log
/// entries its Undo button takes back.
/// </summary>
public sealed record QueueNotice(string Message, IReadOnlyList<long> Before, string? Undo)
{
    /// <summary>Stands for the end of the list among the rows a notice may stand before.</summary>
    public const long End = 0;

    private const string Key = "QueueNotice";

    /// <summary>Numbers from a comma-separated list, what is not a number left out.</summary>
    public static IEnumerable<long> Numbers(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => long.TryParse(n, CultureInfo.InvariantCulture, out var id) ? id : -1).Where(id => id >= 0);

    public static void Set(ITempDataDictionary tempData, string message, IEnumerable<long>? before = null, IEnumerable<long>? undo = null)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        var undoList = undo is null ? "" : string.Join(',', undo);
        tempData[Key] = string.Join('\n', message, string.Join(',', before ?? []), undoList);
    }

    public static QueueNotice? Take(ITempDataDictionary tempData)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        if (tempData[Key] is not string kept || kept.Split('\n') is not [var message, var before, var undo]) return null;
        return new(message, [.. Numbers(before)], undo.Length == 0 ? null : undo);
    }

    /// <summary>The row this notice stands before on a page listing <paramref name="items"/>: <see cref="End"/> after the last, null at the top.</summary>
    public long? Place(IReadOnlyList<QueueItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var id in Before)
        {
            if (id == End ? items.Count > 0 : items.Any(i => i.Id == id)) return id;
        }
        return null;
    }
}
