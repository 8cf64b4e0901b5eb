using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Site;

namespace SomeForum.Web.Search;

/// <summary>
/// Full-text search of what readers may read, or, for moderators, of the held and spam comments. Never in the
/// guests' page cache (no OutputCache policy): every query would be an entry of its own.
/// </summary>
public sealed class IndexModel(ForumDb db, SearchGate gate, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 20;

    /// <summary>Deeper pages are refused: nobody reads them, and each costs more than the one before.</summary>
    public const int MaxPage = 50;

    public const string QueueScope = "queue";

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "scope")]
    public string? ScopeName { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public bool InQueue => ScopeName == QueueScope;

    public string? Problem { get; private set; }
    public IReadOnlyList<SearchResult> Results { get; private set; } = [];
    public bool Searched { get; private set; }
    public bool HasNextPage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The same answer as the queue itself: a guest is sent to sign in, anyone else without the role is refused.
        if (InQueue && !(await authorization.AuthorizeAsync(User, Policies.Moderate)).Succeeded)
        {
            return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        }
        var terms = SearchTerms.Parse(Query);
        Problem = terms.Problem ?? (PageNumber is < 1 or > MaxPage ? Site.Strings.Format("Search.OnlyFirstPages", MaxPage) : null);
        if (Problem is not null || !terms.CanSearch) return Page();

        using var slot = await gate.EnterAsync(ct);
        if (slot is null) return Unavailable(Site.Strings.Get("Search.Busy"));
        List<SearchHit> hits;
        try
        {
            hits = await db.FindAsync(terms, InQueue ? SearchScope.Queue : SearchScope.Published, (PageNumber - 1) * PageSize, PageSize + 1, gate.Timeout, ct);
        }
        catch (TimeoutException)
        {
            return Unavailable(Site.Strings.Get("Search.TooSlow"));
        }
        Searched = true;
        HasNextPage = hits.Count > PageSize;
        hits = hits.Take(PageSize).ToList();
        var queuePages = InQueue ? await QueuePagesAsync(hits.Select(h => h.Id).ToList(), ct) : null;
        Results = hits.Select(h => Result(h, terms, queuePages)).ToList();
        return Page();
    }

    public string PageUrl(int page) => ForumUrls.Search(Query ?? "", page, InQueue);

    private PageResult Unavailable(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        Response.Headers.RetryAfter = "5";
        return Page();
    }

    private static SearchResult Result(SearchHit hit, SearchTerms terms, IReadOnlyDictionary<long, int>? queuePages)
    {
        var excerpt = Highlighter.Excerpt(Rendering.MarkdownRenderer.PlainTextOf(hit.Html), terms.Words);
        var written = hit.WrittenAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : (DateTime?)null;
        if (hit.Kind == SearchHit.PostKind) return new SearchResult(ForumUrls.Post(hit.Slug), hit.Title, null, hit.AuthorName, written, excerpt, null);
        var status = Enum.Parse<CommentStatus>(hit.Status!);
        var url = queuePages is null
            ? ForumUrls.Permalink(hit.Id)
            : $"{ForumUrls.Queue(status, hit.PostId, null, queuePages.GetValueOrDefault(hit.Id, 1))}#{ForumUrls.Queued(hit.Id)}";
        return new SearchResult(url, hit.Title, hit.Id, hit.AuthorName, written, excerpt, queuePages is null ? null : status);
    }

    /// <summary>
    /// The page of the queue (its view of the comment's status and post) each held comment is on, so its link
    /// opens at its row. Counted as the queue orders itself: newest received first.
    /// </summary>
    private async Task<Dictionary<long, int>> QueuePagesAsync(List<long> ids, CancellationToken ct) =>
        (await db.Comments.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                Before = db.Comments.Count(o => o.Status == c.Status && o.PostId == c.PostId && o.ErasedAt == null
                    && (o.ReceivedAt > c.ReceivedAt || (o.ReceivedAt == c.ReceivedAt && o.Id > c.Id))),
            })
            .ToListAsync(ct))
        .ToDictionary(c => c.Id, c => c.Before / Moderation.IndexModel.PageSize + 1);
}

/// <summary>A result: where it leads, the post it is on, and its excerpt with the searched words marked.</summary>
public sealed record SearchResult(string Url, string PostTitle, long? CommentId, string? AuthorName, DateTime? WrittenAt, HtmlString Excerpt,
    CommentStatus? QueueStatus);
