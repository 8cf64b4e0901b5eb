using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;
using SomeForum.Web.Rendering;
using SomeForum.Web.Site;

namespace SomeForum.Web.Seeding;

/// <summary>A post or page of the file, as it will be stored.</summary>
public sealed record WxrPlannedPost(WxrItem Item, string Key, string Slug, string Title, PostStatus Status, string? Note, IReadOnlyList<ImportNode<WxrComment>> Threads)
{
    public IEnumerable<WxrComment> AllComments => Threads.SelectMany(t => t.Walk());

    public int CommentCount => AllComments.Count();
}

/// <summary>What importing a file would do (or did): written before anything is stored, by <c>--dry-run</c> alone.</summary>
public sealed record WxrPlan(
    string File, WxrFile Wxr, IReadOnlyList<WxrPlannedPost> Posts, IReadOnlyList<(WxrItem Item, string Slug)> AlreadyImported,
    IReadOnlyList<(WxrItem Item, string Why)> Skipped, IReadOnlyList<ImportOrphan> Orphans, IReadOnlyList<string> Duplicates) : IImportPlan
{
    public int CommentCount => Posts.Sum(p => p.CommentCount);

    public bool IsEmpty => Posts.Count == 0;

    public void WriteReport(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Line($"{File}: WordPress export (WXR {Wxr.Version}) of {Wxr.SiteUrl ?? "an unnamed site"}");
        var comments = Posts.SelectMany(p => p.AllComments).ToList();
        var (articles, pages) = (Posts.Count(p => p.Item.PostType == "post"), Posts.Count(p => p.Item.PostType == "page"));
        var (published, drafts) = (Posts.Count(p => p.Status == PostStatus.Published), Posts.Count(p => p.Status == PostStatus.Draft));
        Line($"Posts to import: {Posts.Count} ({articles} posts, {pages} pages; {published} published, {drafts} drafts)");
        Line($"Comments to import: {comments.Count} ({StatusCounts(comments)}); {comments.Count(c => WxrImporter.KindOf(c) != CommentKind.Comment)} of them pingbacks or trackbacks");
        if (Posts.Count > 0)
        {
            output.WriteLine("By post:");
            foreach (var post in Posts)
            {
                var all = post.AllComments.ToList();
                var status = post.Status == PostStatus.Published ? "published" : "draft";
                var note = post.Note is null ? "" : $" ({post.Note})";
                var counts = all.Count == 0 ? "no comments" : $"{all.Count} comment{(all.Count == 1 ? "" : "s")} ({StatusCounts(all)})";
                Line($"  {ForumUrls.Post(post.Slug)}  {post.Item.PostType} {post.Item.PostId}, {status}{note}: {counts}");
            }
        }
        ImportThreads.WriteClosingSections(output, Orphans, o => $"comment {o.CommentId} on post {o.ContainerId}", Duplicates,
            [.. AlreadyImported.Select(a => $"{a.Item.PostType} {a.Item.PostId} as {ForumUrls.Post(a.Slug)}")], [.. Skipped.Select(s => s.Why)]);

        void Line(FormattableString line) => output.WriteLine(line.ToString(CultureInfo.InvariantCulture));
    }

    private static string StatusCounts(IEnumerable<WxrComment> comments) => ImportThreads.StatusCounts(comments.Select(WxrImporter.StatusOf));
}

public sealed record WxrImportResult(int Posts, int Comments);

/// <summary>
/// Imports a WordPress export: the file is read whole first (a malformed one stores nothing), then planned
/// (what is new, what was imported before, what is skipped and why), then every new post and its comments are
/// written in one transaction through the comment pipeline's import, each comment keeping its WordPress status.
/// A post is keyed by its site and WordPress id, so a second import of the file changes nothing.
/// </summary>
public sealed class WxrImporter(ForumDb db, ThreadWrites writes, CommentPipeline comments, MarkdownRenderer renderer, TimeProvider clock)
{
    /// <summary>Levels a thread path holds; WordPress itself nests 10 at most.</summary>
    public const int MaxLevels = ImportThreads.MaxLevels;

    public static WxrFile ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return WxrReader.Read(stream, Path.GetFileName(path));
    }

    public async Task<WxrPlan> PlanAsync(WxrFile wxr, string file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(wxr);
        var site = (wxr.SiteUrl ?? $"file:{file}").TrimEnd('/');
        if (site.Length > 200) site = site[..200];
        var skipped = new List<(WxrItem, string)>();
        var duplicates = new List<string>();
        var candidates = new List<(WxrItem Item, string Key, PostStatus Status, string? Note)>();
        var seen = new Dictionary<long, WxrItem>();
        foreach (var item in wxr.Items)
        {
            if (item.PostType is not ("post" or "page"))
            {
                skipped.Add((item, $"{item.PostType}: only posts and pages are imported"));
                continue;
            }
            if (!seen.TryAdd(item.PostId, item))
            {
                duplicates.Add($"{item.PostType} {item.PostId} at line {item.Line}: the same post id as line {seen[item.PostId].Line}");
                continue;
            }
            (PostStatus? status, string? note) = item.Status switch
            {
                "publish" when item.Password is not null => (PostStatus.Draft, "password-protected in WordPress: kept as a draft"),
                "publish" => (PostStatus.Published, (string?)null),
                "draft" => (PostStatus.Draft, null),
                "pending" => (PostStatus.Draft, "pending review in WordPress"),
                "future" => (PostStatus.Draft, "scheduled in WordPress"),
                "private" => (PostStatus.Draft, "private in WordPress"),
                _ => ((PostStatus?)null, (string?)null),
            };
            if (status is not { } kept)
            {
                skipped.Add((item, $"status '{item.Status}': not a post to show"));
                continue;
            }
            candidates.Add((item, $"wxr:{site}:{item.PostId}", kept, note));
        }

        var keys = candidates.Select(c => c.Key).ToList();
        var imported = await db.Posts.AsNoTracking().Where(p => p.ImportKey != null && keys.Contains(p.ImportKey))
            .ToDictionaryAsync(p => p.ImportKey!, p => p.Slug, ct);
        var slugs = ImportThreads.TakenSlugs(await db.Posts.AsNoTracking().Select(p => p.Slug).ToListAsync(ct));
        var already = new List<(WxrItem, string)>();
        var posts = new List<WxrPlannedPost>();
        var orphans = new List<ImportOrphan>();
        foreach (var (item, key, status, note) in candidates)
        {
            if (imported.TryGetValue(key, out var existing))
            {
                already.Add((item, existing));
                continue;
            }
            var slug = ImportThreads.UniqueSlug(BaseSlug(item), slugs);
            var title = item.Title.Length == 0 ? "(untitled)" : item.Title;
            if (title.Length > PostLimits.TitleLength) title = title[..PostLimits.TitleLength];
            posts.Add(new WxrPlannedPost(item, key, slug, title, status, note, Threads(item, orphans, duplicates)));
            // A source may mention a post once: a repeated one is kept, without its source address.
            foreach (var repeat in item.Comments.Where(c => KindOf(c) != CommentKind.Comment && c.Url is not null).GroupBy(c => c.Url).SelectMany(g => g.Skip(1)))
            {
                duplicates.Add($"{repeat.Type} {repeat.Id} on {item.PostType} {item.PostId}: a second mention from {repeat.Url}; kept without its source address");
            }
        }
        return new WxrPlan(file, wxr, posts, already, skipped, orphans, duplicates);
    }

    /// <summary>Stores every post the plan names, with its comments, in one transaction: all of them or nothing.</summary>
    public async Task<WxrImportResult> ImportAsync(WxrPlan plan, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = clock.GetUtcNow().UtcDateTime;
        var done = 0;
        await using var scope = await writes.BeginAsync(ct);
        foreach (var planned in plan.Posts)
        {
            var item = planned.Item;
            var (html, markdown) = WordPressText.Convert(renderer, item.Content, TextKind.Post);
            var author = item.Creator is null ? null : plan.Wxr.AuthorNames.GetValueOrDefault(item.Creator, item.Creator);
            var post = new Post
            {
                Slug = planned.Slug,
                Title = planned.Title,
                Source = markdown,
                Html = html,
                Excerpt = renderer.ToExcerpt(markdown, PostLimits.ExcerptCut),
                AuthorName = author is { Length: > 200 } ? author[..200] : author,
                PublishedAt = planned.Status == PostStatus.Published ? item.DateGmt : null,
                Status = planned.Status,
                CreatedAt = item.DateGmt ?? now,
                UpdatedAt = now,
                CommentsOpen = item.CommentsOpen,
                PingbacksOpen = item.PingsOpen,
                ImportKey = planned.Key,
            };
            db.Posts.Add(post);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            if (planned.Threads.Count > 0)
            {
                var threads = Entries(planned);
                var before = done;
                done += await comments.ImportThreadsAsync(post.Id, threads, progress is null ? null : new ImportThreads.Offset(progress, before), ct);
            }
        }
        await scope.CommitAsync(ct);
        progress?.Report(done);
        return new WxrImportResult(plan.Posts.Count, done);
    }

    public static CommentStatus StatusOf(WxrComment comment) => comment.Approved switch
    {
        "1" or "approve" or "approved" => CommentStatus.Approved,
        "spam" => CommentStatus.Spam,
        "trash" or "post-trashed" => CommentStatus.Trash,
        _ => CommentStatus.Pending,
    };

    /// <summary>Trackbacks are stored as pingbacks: both are another page's mention, with its address as the source.</summary>
    public static CommentKind KindOf(WxrComment comment) => comment.Type switch
    {
        "pingback" or "trackback" => CommentKind.Pingback,
        "webmention" => CommentKind.Webmention,
        _ => CommentKind.Comment,
    };

    private List<ImportedEntry> Entries(WxrPlannedPost planned)
    {
        // Converting is most of the work before storing, and each text converts on its own: every core takes a share.
        var all = planned.AllComments.ToList();
        var submissions = new CommentSubmission[all.Count];
        var index = new Dictionary<WxrComment, int>(all.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < all.Count; i++) index[all[i]] = i;
        var sources = new HashSet<string>(StringComparer.Ordinal);
        var mentionSources = all.Select(c => KindOf(c) != CommentKind.Comment && c.Url is { Length: <= CommentLimits.UrlLength } url && sources.Add(url) ? url : null).ToArray();
        Parallel.For(0, all.Count, i => submissions[i] = Submission(all[i], mentionSources[i]));
        return [.. planned.Threads.Select(Entry)];

        ImportedEntry Entry(ImportNode<WxrComment> node) => new(
            submissions[index[node.Comment]], [.. node.Replies.Select(Entry)], StatusOf(node.Comment), $"{planned.Key}#comment-{node.Comment.Id}");
    }

    private CommentSubmission Submission(WxrComment comment, string? sourceUrl)
    {
        var kind = KindOf(comment);
        var name = comment.Author.Length == 0 ? "Anonymous" : comment.Author;
        return new CommentSubmission
        {
            PostId = 0,
            Kind = kind,
            AuthorName = Cut(name, CommentLimits.AuthorNameLength)!,
            AuthorEmail = comment.Email is { Length: <= CommentLimits.EmailLength } email ? email : null,
            AuthorUrl = comment.Url is { Length: <= CommentLimits.UrlLength } url ? url : null,
            IpAddress = Cut(comment.Ip, 64),
            Text = kind == CommentKind.Comment ? WordPressText.Convert(renderer, comment.Content, TextKind.Comment).Markdown : WordPressText.PlainText(comment.Content),
            WrittenAt = comment.DateGmt,
            WrittenAtUnknown = comment.DateGmt is null,
            SourceUrl = kind == CommentKind.Comment ? null : sourceUrl,
            SourceTitle = kind == CommentKind.Comment ? null : Cut(name, CommentLimits.SourceTitleLength),
        };

        static string? Cut(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;
    }

    /// <summary>The file's comments as threads; see <see cref="ImportThreads.Build"/>.</summary>
    private static List<ImportNode<WxrComment>> Threads(WxrItem item, List<ImportOrphan> orphans, List<string> duplicates) =>
        ImportThreads.Build(item.Comments, Shape, item.PostId, orphans,
            (comment, _) => duplicates.Add($"comment {comment.Id} on {item.PostType} {item.PostId}: the same comment id twice"));

    private static readonly ImportShape<WxrComment> Shape = new(c => c.Id, c => c.ParentId, c => c.DateGmt);

    private static string BaseSlug(WxrItem item)
    {
        if (item.PostName is { } name)
        {
            // WordPress stores a non-ASCII slug percent-encoded.
            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(name);
            }
            catch (UriFormatException)
            {
                decoded = name;
            }
            var slug = Slug.FromTitle(decoded);
            if (slug != "post" || decoded == "post") return slug;
        }
        return item.Title.Length > 0 ? Slug.FromTitle(item.Title) : $"post-{item.PostId}";
    }
}
