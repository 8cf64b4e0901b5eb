using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;

namespace SomeForum.Web.Comments;

// string.Compare inside these queries is translated to SQL's < and >, which compare thread paths
// byte by byte (SQLite's BINARY collation; the PostgreSQL model gives the column the "C" collation).
#pragma warning disable CA1309

/// <summary>One page of a post's thread: whole top-level threads, with the count of all published comments.</summary>
public sealed record ThreadPage(IReadOnlyList<CommentNode> Threads, int Page, int PageCount, int CommentCount)
{
    /// <summary>
    /// Every comment on one page (<c>Comments:PageSize=0</c>): the threads are read, built and written one at a time
    /// while the page is sent (<see cref="ThreadHtml"/>), and <see cref="Threads"/> is empty.
    /// </summary>
    public IAsyncEnumerable<CommentNode>? Streamed { get; init; }

    /// <summary>The top-level threads the page shows.</summary>
    public int ThreadsShown { get; init; } = Threads.Count;

    /// <summary>The latest received time of the comments the page shows (<see cref="NewSince"/>).</summary>
    public long? LatestReceived { get; init; } = NewSince.Latest(Threads);
}

/// <summary>
/// The reader's queries over a thread. A page is a run of whole top-level threads; because thread
/// paths sort depth-first, that run is one range of the (PostId, ThreadPath) index and loads with one query.
/// Counts and numbers come from what the thread's writers keep (<see cref="ThreadCounts"/>), never from
/// counting the thread.
/// </summary>
public static class ThreadQueries
{
    /// <summary>
    /// Loads the page of threads that a reader asked for, clamped to the pages there are. With every comment on one
    /// page in the order they were written, the threads are read while the page is sent (<see cref="ThreadPage.Streamed"/>),
    /// unless <paramref name="everyNodeAtHand"/>: the page marks what is new before the thread, so it needs all of it first.
    /// </summary>
    public static async Task<ThreadPage> LoadThreadPageAsync(
        this ForumDb db, ThreadFigures post, int? requestedPage, CommentOptions options, IReadOnlyCollection<long> ownPending, CancellationToken ct,
        bool everyNodeAtHand = false)
    {
        ArgumentNullException.ThrowIfNull(post);
        var postId = post.PostId;
        var thread = db.Comments.Where(c => c.PostId == postId);
        var ownRoots = await OwnUnshownRootsAsync(db, postId, ownPending, ct);

        if (options.PageSize == 0 && options.Order == CommentOrder.OldestFirst && !everyNodeAtHand)
        {
            return new ThreadPage([], 1, 1, post.CommentCount)
            {
                Streamed = OneThreadAtATime(ForReaders(db, thread, ownPending), ct),
                ThreadsShown = post.ThreadCount + ownRoots.Count,
                LatestReceived = await VisibleTo(thread, ownPending).MaxAsync(c => c.CreatedAt, ct) is { } latest ? NewSince.Stamp(latest) : null,
            };
        }
        if (options.PageSize == 0)
        {
            var all = await ForReaders(db, thread, ownPending).ToListAsync(ct);
            return new ThreadPage(CommentTree.Build(all, 0, options.Order), 1, 1, post.CommentCount);
        }

        var roots = ShownRoots(db, postId, ownRoots);
        var pageCount = Math.Max(1, (post.ThreadCount + ownRoots.Count + options.PageSize - 1) / options.PageSize);
        var page = Math.Clamp(requestedPage ?? 1, 1, pageCount);
        var ordered = options.Order switch
        {
            CommentOrder.NewestFirst => roots.OrderByDescending(c => c.ThreadPath),
            CommentOrder.MostActive => roots.OrderByDescending(c => c.ThreadPublishedCount).ThenByDescending(c => c.ThreadPath),
            _ => roots.OrderBy(c => c.ThreadPath),
        };
        var pageRoots = await ordered.Skip((page - 1) * options.PageSize).Take(options.PageSize)
            .Select(c => new { c.ThreadPath, c.Number }).ToListAsync(ct);
        if (pageRoots.Count == 0) return new ThreadPage([], page, pageCount, post.CommentCount);

        if (options.Order == CommentOrder.MostActive)
        {
            // The page's threads are not one range of paths: their comments load by their top-level path, and
            // each thread is numbered from its own kept number.
            var rootPaths = pageRoots.Select(r => r.ThreadPath).ToList();
            var threadRows = await ForReaders(db, thread.Where(c => rootPaths.Contains(c.ThreadPath.Substring(0, ThreadPath.SegmentWidth))), ownPending)
                .ToListAsync(ct);
            var byRoot = threadRows.ToLookup(r => r.ThreadPath[..ThreadPath.SegmentWidth], StringComparer.Ordinal);
            var threads = pageRoots.SelectMany(r => CommentTree.Build([.. byRoot[r.ThreadPath]], (r.Number ?? 1) - 1)).ToList();
            return new ThreadPage(threads, page, pageCount, post.CommentCount);
        }

        // From the first root's path up to just past the last root's subtree ('/' sorts right after '.').
        var byPath = pageRoots.OrderBy(r => r.ThreadPath, StringComparer.Ordinal).ToList();
        var first = byPath[0].ThreadPath;
        var pastLast = byPath[^1].ThreadPath + "/";
        var rows = await ForReaders(db,
                thread.Where(c => string.Compare(c.ThreadPath, first) >= 0 && string.Compare(c.ThreadPath, pastLast) < 0),
                ownPending)
            .ToListAsync(ct);
        // The page's first published top-level entry carries its number; those after it follow on.
        var firstNumber = byPath.FirstOrDefault(r => r.Number is not null)?.Number ?? 1;
        return new ThreadPage(CommentTree.Build(rows, firstNumber - 1, options.Order), page, pageCount, post.CommentCount);
    }

    /// <summary>
    /// The page of the thread that holds a comment, so a permalink lands where the comment is. Found from the
    /// numbers the writers keep, not by counting the threads before it: the published top-level entries before
    /// its thread are the last number before it, and the few threads shown only for their replies are indexed apart.
    /// </summary>
    public static async Task<int> PageOfAsync(
        this ForumDb db, long postId, string threadPath, CommentOptions options, IReadOnlyCollection<long> ownPending, CancellationToken ct)
    {
        if (options.PageSize == 0) return 1;
        var rootId = ThreadPath.RootId(threadPath);
        var rootPath = ThreadPath.Of(null, rootId);
        var ownRoots = await OwnUnshownRootsAsync(db, postId, ownPending, ct);
        var root = await db.Comments.Where(c => c.Id == rootId).Select(c => new { c.Number, c.ThreadPublishedCount }).SingleAsync(ct);

        if (options.Order == CommentOrder.MostActive)
        {
            // No kept number orders threads by activity: the shown threads before this one are counted, one
            // query over the post's top-level entries.
            var published = root.ThreadPublishedCount;
            var ahead = await ShownRoots(db, postId, ownRoots).CountAsync(c =>
                c.ThreadPublishedCount > published || (c.ThreadPublishedCount == published && string.Compare(c.ThreadPath, rootPath) > 0), ct);
            return ahead / options.PageSize + 1;
        }

        var publishedBefore = root.Number - 1 ?? await db.Comments
            .Where(c => c.PostId == postId && c.Depth == 0 && c.Number != null && string.Compare(c.ThreadPath, rootPath) < 0)
            .OrderByDescending(c => c.ThreadPath).Select(c => c.Number).FirstOrDefaultAsync(ct) ?? 0;
        // Matches IX_Comments_ShownPlaceholders' filter term for term (only top-level entries count a thread).
        var placeholdersBefore = await db.Comments.CountAsync(c =>
            c.PostId == postId && c.Number == null && c.ThreadPublishedCount > 0 && string.Compare(c.ThreadPath, rootPath) < 0, ct);
        var ownBefore = ownRoots.Count(id => id < rootId);
        var shownBefore = publishedBefore + placeholdersBefore + ownBefore;

        if (options.Order == CommentOrder.NewestFirst)
        {
            var shown = await db.Posts.Where(p => p.Id == postId).Select(p => p.ThreadCount).SingleAsync(ct) + ownRoots.Count;
            var isShown = root.ThreadPublishedCount > 0 || ownRoots.Contains(rootId);
            shownBefore = shown - shownBefore - (isShown ? 1 : 0);
        }
        return shownBefore / options.PageSize + 1;
    }

    /// <summary>
    /// The rows in thread order, built into trees a top-level thread at a time (a thread's rows are one run of paths,
    /// and the comment a reply names is in its own thread): one thread in memory, not the post's. Published top-level
    /// entries are numbered on from one thread to the next, as <see cref="CommentTree.Build"/> numbers them.
    /// </summary>
    private static async IAsyncEnumerable<CommentNode> OneThreadAtATime(IQueryable<CommentRow> rows, [EnumeratorCancellation] CancellationToken ct)
    {
        var run = new List<CommentRow>();
        var number = 0;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (row.Depth == 0 && run.Count > 0)
            {
                foreach (var node in CommentTree.Build(run, number))
                {
                    number = node.Number ?? number;
                    yield return node;
                }
                run.Clear();
            }
            run.Add(row);
        }
        foreach (var node in CommentTree.Build(run, number)) yield return node;
    }

    /// <summary>The comments a reader sees: published ones, and their own held ones (as <see cref="ForReaders"/> shows them).</summary>
    private static IQueryable<Comment> VisibleTo(IQueryable<Comment> comments, IReadOnlyCollection<long> ownPending) =>
        ownPending.Count == 0
            ? comments.Where(c => c.Status == CommentStatus.Approved)
            : comments.Where(c => c.Status == CommentStatus.Approved || (c.Status == CommentStatus.Pending && ownPending.Contains(c.Id)));

    /// <summary>Top-level entries a reader sees: with something published in their thread, or one of the reader's own held comments.</summary>
    private static IQueryable<Comment> ShownRoots(ForumDb db, long postId, IReadOnlyCollection<long> ownRoots) =>
        ownRoots.Count == 0
            ? db.Comments.Where(c => c.PostId == postId && c.Depth == 0 && c.ThreadPublishedCount > 0)
            : db.Comments.Where(c => c.PostId == postId && c.Depth == 0 && (c.ThreadPublishedCount > 0 || ownRoots.Contains(c.Id)));

    /// <summary>The threads shown only because the reader's own held comment is in them; none for most readers.</summary>
    private static async Task<IReadOnlyCollection<long>> OwnUnshownRootsAsync(
        ForumDb db, long postId, IReadOnlyCollection<long> ownPending, CancellationToken ct)
    {
        if (ownPending.Count == 0) return [];
        var paths = await db.Comments.Where(c => c.PostId == postId && ownPending.Contains(c.Id) && c.Status == CommentStatus.Pending)
            .Select(c => c.ThreadPath).ToListAsync(ct);
        if (paths.Count == 0) return [];
        var rootIds = paths.Select(ThreadPath.RootId).Distinct().ToList();
        return await db.Comments.Where(c => rootIds.Contains(c.Id) && c.ThreadPublishedCount == 0).Select(c => c.Id).ToListAsync(ct);
    }
    /// <summary>Comments as the thread shows them to this reader: published ones, and their own held ones (<paramref name="ownPending"/>).</summary>
    public static IQueryable<CommentRow> ForReaders(ForumDb db, IQueryable<Comment> comments, IReadOnlyCollection<long> ownPending) =>
        // Most readers have no held comment: their query names no list of ids, so its SQL is made once and reused.
        (ownPending.Count == 0
            ? comments.Select(c => new { Comment = c, Visible = c.Status == CommentStatus.Approved })
            : comments.Select(c => new
            {
                Comment = c,
                Visible = c.Status == CommentStatus.Approved || (c.Status == CommentStatus.Pending && ownPending.Contains(c.Id)),
            }))
            .AsNoTracking()
            .OrderBy(x => x.Comment.ThreadPath)
            .Select(x => new CommentRow(
                x.Comment.Id,
                x.Comment.ParentId,
                x.Comment.RepliesToId,
                x.Comment.ThreadPath,
                x.Comment.Depth,
                x.Comment.Kind,
                x.Comment.Status,
                x.Visible,
                x.Visible ? x.Comment.AuthorName : "",
                x.Visible ? x.Comment.AuthorEmail : null,
                x.Visible ? x.Comment.AuthorUrl : null,
                x.Visible ? x.Comment.Html : null,
                x.Visible ? x.Comment.CreatedAt : null,
                x.Visible ? x.Comment.SourceUrl : null,
                x.Visible ? x.Comment.SourceTitle : null,
                x.Visible ? x.Comment.EditedAt : null,
                x.Visible && x.Comment.UserId != null && db.UserRoles.Any(ur => ur.UserId == x.Comment.UserId
                    && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Accounts.Roles.Moderator || r.Name == Accounts.Roles.Administrator))),
                x.Visible ? x.Comment.UserId : null));
}

/// <summary>What a thread's page reads of its post instead of counting: published comments and the threads a reader sees.</summary>
public sealed record ThreadFigures(long PostId, int CommentCount, int ThreadCount);
